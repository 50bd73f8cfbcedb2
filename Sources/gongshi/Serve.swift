import ArgumentParser
import Dispatch
import Foundation
import GongshiServe
import GongshiModel
import GongshiSite

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the output folder on this computer, rebuild on every change and reload open pages."
    )

    @OptionGroup var site: SiteOptions
    @Option(help: "The theme folder.") var templates = "site-templates"
    @Option(help: "The output folder.") var output = "public"
    @Flag(help: "Publish drafts too.") var drafts = false
    @Option(help: "The address to listen on; keep it on this computer.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8000
    @Flag(help: "Print how long each step of each build took.") var timings = false

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw UsageError("--port 要在 0 到 65535 之间（写的是 \(port)）", en: "--port must be between 0 and 65535")
        }
    }

    func run() throws {
        let options = try site.options(templates: templates, output: output, drafts: drafts)
        let server: SiteServer
        do {
            server = try SiteServer(options: options, host: host, port: port, timings: timings) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        } catch {
            throw UsageError("无法在 \(host):\(port) 上提供网页：\(error)；端口可能已被占用，换一个试试（--port 8001）",
                             en: "cannot listen on \(host):\(port): \(error)")
        }
        server.start()
        let address = "http://\(host):\(server.port)/"
        let banner = options.language.pick(
            "正在提供 \(output)：\(address) —— 监视 \(options.content) 和 \(templates)（\(server.watchMethod)）；按 Ctrl-C 停止\n",
            "serving \(output) at \(address) — watching \(options.content) and \(templates) (\(server.watchMethod)); Ctrl-C stops\n")
        FileHandle.standardOutput.write(Data(banner.utf8))
        withExtendedLifetime(server) { dispatchMain() }
    }
}
