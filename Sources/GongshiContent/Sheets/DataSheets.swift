import GongshiModel

/// The registry of data sheets: every file under `data/` that Gongshi reads is
/// one of these. Adding a sheet is one registration here (and its reader).
enum DataSheets {
    static let all: [DataSheet] = [
        DataSheet("assessments", columns: { config in
            [.required("period"), .required("unit")] + config.assessmentComponents.map { .required($0.id) }
        }, reader: AssessmentSheet.self, into: \.assessments),
        DataSheet("duty", columns: { _ in
            [.required("date"), .required("unit"), .required("event"), .optional("note")]
        }, reader: DutySheet.self, into: \.duty),
        DataSheet("volunteer", columns: { _ in
            [.required("period"), .required("unit"), .required("points")]
        }, reader: VolunteerSheet.self, into: \.volunteer),
        DataSheet("deductions", columns: { _ in
            [.required("period"), .required("unit"), .required("item"), .required("points"), .optional("note")]
        }, reader: DeductionsSheet.self, into: \.deductions),
    ]

    /// Whether `data/<fileName>` is a file of a registered sheet (anything else in `data/` is an error: see `notASheet`).
    static func isSheetFile(_ fileName: String, registry: [DataSheet] = all) -> Bool {
        registry.contains { $0.format(ofFile: fileName) != nil }
    }

    /// What is wrong with `data/<fileName>` that is not a sheet's file, and how to fix it (in Chinese, and in English
    /// for `--lang en`); whether it is only a warning (Excel's lock file `~$assessments.xlsx`, there while the workbook is open).
    static func notASheet(_ fileName: String, registry: [DataSheet] = all) -> (message: String, english: String, isError: Bool) {
        func accepted(_ or: String, _ and: String) -> String {
            registry.map { sheet in SheetFormat.all.map { "\(sheet.name).\($0.fileExtension)" }.joined(separator: or) }.joined(separator: and)
        }
        if fileName.hasPrefix("~$") {
            return ("Excel 或 WPS 正打开着 \(fileName.dropFirst(2))（这是它的临时文件）；保存并关闭后再生成网站，未保存的修改不会被读取",
                    "Excel or WPS has \(fileName.dropFirst(2)) open (this is its temporary file); save and close it before building the site, "
                    + "unsaved changes are not read", false)
        }
        let parts = fileName.split(separator: ".", omittingEmptySubsequences: false)
        let stem = parts.first.map(String.init) ?? fileName
        let ext = parts.count > 1 ? parts.last!.lowercased() : ""
        if registry.contains(where: { $0.name == stem }) {
            let resave = XLSXReader.resave(fileName), resaveEnglish = XLSXReader.resave(fileName, in: .english)
            switch ext {
            case "xls": return ("旧版 Excel 文件（.xls）读不了；" + resave, "old Excel files (.xls) cannot be read; " + resaveEnglish, true)
            case "et", "ett": return ("WPS 表格文件（.\(ext)）读不了；" + resave, "WPS spreadsheet files (.\(ext)) cannot be read; " + resaveEnglish, true)
            case "txt", "tsv": return ("文本文件（如 Excel 的“Unicode 文本”）读不了；" + resave,
                                       "text files (such as Excel's \"Unicode Text\") cannot be read; " + resaveEnglish, true)
            case "ods", "numbers", "xlsm", "xlsb": return ("这种表格文件（.\(ext)）读不了；" + resave,
                                                           "spreadsheet files of this kind (.\(ext)) cannot be read; " + resaveEnglish, true)
            default: break
            }
        }
        return ("不是数据表文件，不会被读取；data/ 中只能放这些文件：\(accepted(" 或 ", "、"))，以及细则目录 <考核项目 id>.yaml（表格另存时请用这些文件名）",
                "not a data sheet file, so it is not read; data/ may hold only these files: \(accepted(" or ", ", ")), and the item catalogues <component id>.yaml (use these names when you save a sheet)",
                true)
    }

    /// Reads the files of every sheet of the registry, sheet by sheet in the registry's
    /// order, and returns their rows. `bytes` gives a file's bytes, or nil when it cannot be read.
    static func read(files: [String], registry: [DataSheet] = all, config: SiteConfig, units: UnitDirectory,
                     bytes: (String) -> [UInt8]?, diagnostics: inout Diagnostics) -> [SheetRows] {
        var rows: [SheetRows] = []
        for sheet in registry {
            let paths = files.filter { $0.hasPrefix("data/") && sheet.format(ofFile: String($0.dropFirst("data/".count))) != nil }
            if paths.count > 1 {
                // Which one is right is not for Gongshi to guess: a stale copy would publish old scores.
                diagnostics.error(SourceLocation(path: paths[0]),
                                  "\(paths.joined(separator: " 和 ")) 是同一张数据表“\(sheet.name)”的两个文件；只保留一个（删除或移走另一个）",
                                  en: "\(paths.joined(separator: " and ")) are two files of the same data sheet \"\(sheet.name)\"; keep only one (delete or move the other)")
                continue
            }
            for path in paths {
                guard let data = bytes(path),
                      let read = sheet.read(path: path, bytes: data, config: config, units: units, diagnostics: &diagnostics)
                else { continue }
                rows.append(read)
            }
        }
        return rows
    }
}
