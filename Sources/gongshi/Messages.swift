import ArgumentParser
import Foundation
import GongshiContent
import GongshiModel

/// `--lang zh|en`, on every subcommand. The language itself is chosen by `Language.chosen`
/// (the flag, else `GONGSHI_LANG`, else the locale); `main` finds the same flag in the raw
/// arguments before parsing, so that usage errors are in the chosen language too.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: "提示信息的语言：zh（中文，默认）或 en（English）；也可用环境变量 GONGSHI_LANG 或 LANG。")
    var lang: String?

    func validate() throws {
        if let lang, Language(code: lang) == nil {
            throw UsageError("--lang 只能是 zh 或 en（写的是“\(lang)”）", en: "--lang must be zh or en (got \"\(lang)\")")
        }
    }

    var language: Language { Language.chosen(flag: lang, environment: ProcessInfo.processInfo.environment) }
}

/// A mistake in the command (exit 2), with its Chinese text and its English text.
struct UsageError: Error, CustomStringConvertible {
    var chinese: String
    var english: String
    init(_ chinese: String, en english: String) { self.chinese = chinese; self.english = english }
    func message(in language: Language) -> String { language.pick(chinese, english) }
    var description: String { chinese }
}

enum UsageMessages {
    /// The value of the last `--lang x` / `--lang=x` before a `--`, read before ArgumentParser parses.
    static func languageFlag(in arguments: [String]) -> String? {
        var found: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count { found = arguments[index + 1]; index += 1 }
            else if argument.hasPrefix("--lang=") { found = String(argument.dropFirst("--lang=".count)) }
            index += 1
        }
        return found
    }

    /// One line for a mistake in the command: `用法错误：未知的选项 --outptu；是不是 --output？`,
    /// in English `usage error: unknown option --outptu; did you mean --output?`. No `Usage:` line:
    /// it named the whole synopsis and was no help with the one mistake.
    static func line(for error: Error, in language: Language) -> String {
        let prefix = language.pick("用法错误：", "usage error: ")
        if let usage = wrapped(error) { return prefix + usage.message(in: language) }
        let message = Gongshi.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
        if error is ValidationError { return prefix + message }
        return prefix + translate(message, language)
    }

    /// Our own usage error, also when ArgumentParser wrapped one thrown from a `validate()`.
    static func wrapped(_ value: Any, depth: Int = 0) -> UsageError? {
        if let usage = value as? UsageError { return usage }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let usage = wrapped(child.value, depth: depth + 1) { return usage }
        }
        return nil
    }

    /// ArgumentParser's English messages, each as one Chinese or English line with the fix.
    static func translate(_ message: String, _ language: Language) -> String {
        let help = language.pick("（gongshi <命令> --help 列出全部选项）", " (gongshi <command> --help lists them all)")
        if let m = match(message, #"^Unknown option '([^']*)'\. Did you mean '([^']*)'\?$"#) {
            return language.pick("未知的选项 \(m[0])；是不是 \(m[1])？", "unknown option \(m[0]); did you mean \(m[1])?")
        }
        if let m = match(message, #"^Unknown option '([^']*)'$"#) {
            return language.pick("未知的选项 \(m[0])", "unknown option \(m[0])") + help
        }
        if let m = match(message, #"^Missing value for '([^' ]*)( <[^']*>)?'$"#) {
            return language.pick("选项 \(m[0]) 后面要写一个值\(m.count > 1 ? "：\(m[0])\(m[1])" : "")",
                                 "option \(m[0]) needs a value\(m.count > 1 ? ": \(m[0])\(m[1])" : "")")
        }
        if let m = match(message, #"^Missing expected argument '([^']*)'$"#) {
            return language.pick("缺少参数 \(m[0])", "missing argument \(m[0])") + help
        }
        if let m = match(message, #"^Unexpected argument '([^']*)'$"#) {
            // Where a command is expected (`gongshi biuld`), say which one was meant.
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == m[0] {
                let commands = ["build", "check", "serve", "new", "import"]
                if let near = Suggest.closest(to: m[0], in: commands, limit: 2) {
                    return language.pick("未知的命令“\(m[0])”；是不是 \(near)？", "unknown command \"\(m[0])\"; did you mean \(near)?")
                }
                return language.pick("未知的命令“\(m[0])”；可以用：\(commands.joined(separator: "、"))",
                                     "unknown command \"\(m[0])\"; the commands are \(commands.joined(separator: ", "))")
            }
            return language.pick("多余的参数“\(m[0])”", "unexpected argument \"\(m[0])\"") + help
        }
        if let m = match(message, #"^\d+ unexpected arguments: (.*)$"#) {
            let values = m[0].replacingOccurrences(of: "'", with: "")
            return language.pick("多余的参数：\(values.replacingOccurrences(of: ", ", with: "、"))", "unexpected arguments: \(values)") + help
        }
        if let m = match(message, #"^The option '([^']*)' does not take any value, but '([^']*)' was specified\.$"#) {
            return language.pick("选项 \(m[0]) 不带值，请去掉“=\(m[1])”", "option \(m[0]) takes no value; remove \"=\(m[1])\"")
        }
        if let m = match(message, #"^The value '([^']*)' is invalid for '([^' ]*)[^']*'(?::|\.)? ?(?:Please provide one of )?(.*?)\.?$"#) {
            let choices = m.count > 2 && !m[2].isEmpty ? m[2] : ""
            return language.pick("选项 \(m[1]) 的值“\(m[0])”不对" + (choices.isEmpty ? "" : "；可以写 \(choices)"),
                                 "\"\(m[0])\" is not a valid value for \(m[1])" + (choices.isEmpty ? "" : "; write \(choices)"))
        }
        if message.hasPrefix("Missing required subcommand") {
            return language.pick("缺少命令：build、check、serve、new 或 import", "missing command: build, check, serve, new or import") + help
        }
        return message
    }

    /// The captured groups of `pattern` in `text` (empty groups dropped at the end), or nil.
    private static func match(_ text: String, _ pattern: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        var groups: [String] = []
        for index in stride(from: 1, to: found.numberOfRanges, by: 1) {
            let range = found.range(at: index)
            groups.append(range.location == NSNotFound ? "" : (text as NSString).substring(with: range))
        }
        while let last = groups.last, last.isEmpty, groups.count > 1 { groups.removeLast() }
        return groups
    }
}
