/// The language Gongshi speaks to the people who run it: Chinese unless English is asked for.
///
/// Chosen once, by the command line (`Language.chosen`), and passed down explicitly: in
/// `BuildOptions.language`, to the printing code and to `serve`'s error page. The content stage
/// does not need it: a `Diagnostic` carries its Chinese text and, where one has been written, its
/// English text, and the printer picks one (`Diagnostic.message(in:)`).
public enum Language: String, Sendable, Hashable, CaseIterable {
    case chinese = "zh"
    case english = "en"

    /// `--lang` when given, else `GONGSHI_LANG`, else the locale (`LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG`, as POSIX orders them): English when the value starts with `en`, Chinese otherwise
    /// (also for `C`, `POSIX` and `C.UTF-8`, which servers and containers set without meaning a language).
    public static func chosen(flag: String?, environment: [String: String]) -> Language {
        if let flag, let language = Language(code: flag) { return language }
        if let value = environment["GONGSHI_LANG"], let language = Language(code: value) { return language }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .english : .chinese
        }
        return .chinese
    }

    /// `zh`, `zh_CN.UTF-8`, `中文` → Chinese; `en`, `en_US.UTF-8`, `English` → English; anything else nil.
    public init?(code: String) {
        let code = code.filter { $0 != " " }.lowercased()
        if code.hasPrefix("en") { self = .english }
        else if code.hasPrefix("zh") || code == "中文" || code == "cn" { self = .chinese }
        else { return nil }
    }

    /// The text for this language: `language.pick("内容有错误", "the content has errors")`.
    public func pick(_ chinese: String, _ english: String) -> String {
        self == .english ? english : chinese
    }
}
