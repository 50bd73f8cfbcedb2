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
    ]

    /// Whether `data/<fileName>` is a file of a registered sheet (anything else in `data/` is ignored with a warning).
    static func isSheetFile(_ fileName: String, registry: [DataSheet] = all) -> Bool {
        registry.contains { $0.format(ofFile: fileName) != nil }
    }

    /// Reads the files of every sheet of the registry, sheet by sheet in the registry's
    /// order, and returns their rows. `bytes` gives a file's bytes, or nil when it cannot be read.
    static func read(files: [String], registry: [DataSheet] = all, config: SiteConfig, units: UnitDirectory,
                     bytes: (String) -> [UInt8]?, diagnostics: inout Diagnostics) -> [SheetRows] {
        var rows: [SheetRows] = []
        for sheet in registry {
            for path in files where path.hasPrefix("data/") && sheet.format(ofFile: String(path.dropFirst("data/".count))) != nil {
                guard let data = bytes(path),
                      let read = sheet.read(path: path, bytes: data, config: config, units: units, diagnostics: &diagnostics)
                else { continue }
                rows.append(read)
            }
        }
        return rows
    }
}
