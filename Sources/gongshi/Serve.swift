import ArgumentParser
import Dispatch
import Foundation
import GongshiServe
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

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        let options = try site.options(templates: templates, output: output, drafts: drafts)
        let server: SiteServer
        do {
            server = try SiteServer(options: options, host: host, port: port) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        } catch {
            throw ValidationError("cannot listen on \(host):\(port): \(error)")
        }
        server.start()
        let banner = "serving \(output) at http://\(host):\(server.port)/ — watching \(options.content) and \(templates) (\(server.watchMethod)); Ctrl-C stops\n"
        FileHandle.standardOutput.write(Data(banner.utf8))
        withExtendedLifetime(server) { dispatchMain() }
    }
}
