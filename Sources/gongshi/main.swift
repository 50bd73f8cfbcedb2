import ArgumentParser
import Foundation
import GongshiFiles
import GongshiModel

Allocator.limitArenas()

// Exit status: 0 success, 1 content errors, 2 usage errors (ArgumentParser's default is 64).
// The language is chosen here once for usage errors; each command chooses it the same way
// from its parsed `--lang` (`LanguageOption`) and passes it on.
let language = Language.chosen(flag: UsageMessages.languageFlag(in: Array(CommandLine.arguments.dropFirst())),
                               environment: ProcessInfo.processInfo.environment)
do {
    var command = try Gongshi.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = Gongshi.exitCode(for: error)
    if code == .success {
        // --help, --version: ArgumentParser's own text.
        print(Gongshi.fullMessage(for: error))
        Foundation.exit(0)
    }
    FileHandle.standardError.write(Data((UsageMessages.line(for: error, in: language) + "\n").utf8))
    Foundation.exit(2)
}
