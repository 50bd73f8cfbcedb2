import ArgumentParser
import Foundation

// Exit status: 0 success, 1 content errors, 2 usage errors (ArgumentParser's default is 64).
do {
    var command = try Gongshi.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = Gongshi.exitCode(for: error)
    if code == .success {
        print(Gongshi.fullMessage(for: error))
        Foundation.exit(0)
    }
    FileHandle.standardError.write(Data((Gongshi.fullMessage(for: error) + "\n").utf8))
    Foundation.exit(2)
}
