import CGongshiVips

/// What a published photo is written as.
public enum PhotoFormat: UInt8, Sendable, Hashable {
    case jpeg = 1, png = 2, gif = 3

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .gif: "gif"
        }
    }
}

/// How photos are published: the widths (a phone size and a large size) and the JPEG quality.
public struct PhotoSettings: Sendable, Hashable {
    /// Widths in pixels, smallest first. A photo narrower than a width is never enlarged:
    /// it is published at its own width, once.
    public var widths: [Int]
    /// JPEG quality (libvips `Q`, 1–100).
    public var quality: Int

    public init(widths: [Int], quality: Int) {
        self.widths = widths.sorted(); self.quality = quality
    }

    /// 640 px fills a phone at 1×–1.6× (and a 38em column on a computer); 1280 px a phone at 3×
    /// or the column at 2×. Quality 80 with progressive, optimised Huffman tables.
    public static let standard = PhotoSettings(widths: [640, 1280], quality: 80)

    /// Bumped whenever Gongshi writes something else for the same file and settings (a new
    /// option, another format): cached photos made by the old code are then made again.
    /// Not the program's own stamp: that changes with every build of Gongshi, and
    /// re-encoding thousands of photos for a change elsewhere would cost minutes.
    public static let encoderVersion = 1

    /// The sizes a photo `width` pixels wide is published at, smallest first.
    public func widths(forSourceWidth width: Int) -> [Int] {
        var result: [Int] = []
        for target in widths {
            let w = min(target, width)
            if w > 0, !result.contains(w) { result.append(w) }
        }
        return result
    }
}

/// The header of a photo: its format (from its bytes) and upright size.
public struct PhotoInfo: Sendable, Hashable {
    public enum Format: Sendable, Hashable { case jpeg, png, webp, heif, gif }
    public var format: Format
    /// After the EXIF orientation is applied.
    public var width: Int
    public var height: Int
    public var hasAlpha: Bool
    /// Frames of an animation (GIF); 1 for a still image.
    public var frames: Int
}

/// One published size of a photo.
public struct EncodedPhoto: Sendable {
    public var width: Int
    public var height: Int
    public var format: PhotoFormat
    public var bytes: [UInt8]
}

/// Why a file cannot be published as a photo, with what staff should do (Chinese, and English).
public enum PhotoFailure: Error, Sendable, Hashable {
    /// No image format recognised.
    case unknown
    /// An SVG drawing: it can carry scripts that would run in readers' browsers.
    case svg
    /// An image format Gongshi does not take (TIFF, BMP, PDF, JPEG 2000 ...).
    case unsupported
    /// Recognised, but damaged or cut short.
    case broken(detail: String)
    /// More pixels than can be decoded safely.
    case tooLarge
    /// libvips did not start.
    case libraryUnavailable

    public var message: String {
        switch self {
        case .unknown:
            "照片格式无法识别：请在手机或电脑上另存为 JPG 后替换（能用的格式：JPG、PNG、WebP、HEIC、GIF）"
        case .svg:
            "不发布 SVG 图片：SVG 文件里可以带脚本，会在读者的浏览器里运行；请另存为 PNG 或 JPG 后替换"
        case .unsupported:
            "这种图片格式网站不发布：请在手机或电脑上另存为 JPG 后替换（能用的格式：JPG、PNG、WebP、HEIC、GIF）"
        case .broken:
            "照片文件已损坏或不完整（可能没有传完）：请从手机或相机重新导出，或另存为 JPG 后替换"
        case .tooLarge:
            "照片像素太多（超过 2 亿像素），无法处理：请先缩小（例如长边 4000 像素）后替换"
        case .libraryUnavailable:
            "图片处理库 libvips 无法启动，照片没有处理：请运行 scripts/install-deps 安装 libvips 后重新运行"
        }
    }

    public var english: String {
        switch self {
        case .unknown: "photo format not recognised: save it as JPG on the phone or computer and replace it (formats taken: JPG, PNG, WebP, HEIC, GIF)"
        case .svg: "SVG images are not published: an SVG can carry scripts that run in readers' browsers; save it as PNG or JPG and replace it"
        case .unsupported: "this image format is not published: save it as JPG and replace it (formats taken: JPG, PNG, WebP, HEIC, GIF)"
        case .broken(let detail): "the photo is damaged or cut short: export it again from the phone or camera, or save it as JPG, and replace it"
            + (detail.isEmpty ? "" : " (libvips: \(detail))")
        case .tooLarge: "the photo has too many pixels (over 200 million) to process: make it smaller (say 4000 pixels on the long side) and replace it"
        case .libraryUnavailable: "the image library libvips did not start; run scripts/install-deps to install it and build again"
        }
    }
}

/// libvips, through `CGongshiVips`: reads JPEG, PNG, WebP, HEIC/HEIF/AVIF (libheif) and GIF,
/// writes every size without any metadata.
public enum Photos {
    /// Loads libvips (on first use only: see `gongshi_vips.c`).
    private static var started: Bool { gongshi_photo_start() == 0 }

    /// Which libvips would encode (its file, resolved, with size and time), part of what a
    /// cached photo was made with. Known without loading libvips, which a build whose photos
    /// all come from the cache does without.
    public static let libraryVersion = String(cString: gongshi_photo_library_version())

    /// The file names (by extension, any case) taken as photos: their bytes decide what they are.
    public static let photoExtensions: Set<String> = ["jpg", "jpeg", "jpe", "jfif", "png", "webp", "heic", "heif", "hif", "avif", "gif"]
    /// Image files refused with a message instead of being published as they are.
    public static let refusedExtensions: Set<String> = ["svg", "svgz", "tif", "tiff", "bmp", "dng", "raw", "psd"]

    /// Whether a bundle file is an image, by its name: a photo, or an image Gongshi refuses.
    public static func isImage(name: String) -> Bool {
        let ext = fileExtension(name)
        return photoExtensions.contains(ext) || refusedExtensions.contains(ext)
    }

    static func fileExtension(_ name: String) -> String {
        let last = name.split(separator: "/").last ?? Substring(name)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }

    public static func probe(_ bytes: [UInt8]) -> Result<PhotoInfo, PhotoFailure> {
        guard started else { return .failure(.libraryUnavailable) }
        var info = gongshi_photo_info()
        let result = bytes.withUnsafeBytes { gongshi_photo_probe($0.baseAddress, $0.count, &info) }
        if let failure = failure(result, info) { return .failure(failure) }
        return .success(PhotoInfo(format: format(info.format), width: Int(info.width), height: Int(info.height),
                                  hasAlpha: info.has_alpha != 0, frames: Int(info.pages)))
    }

    /// Every size `settings` asks for (never enlarged), smallest first, metadata stripped.
    public static func encode(_ bytes: [UInt8], settings: PhotoSettings) -> Result<[EncodedPhoto], PhotoFailure> {
        let info: PhotoInfo
        switch probe(bytes) {
        case .success(let probed): info = probed
        case .failure(let failure): return .failure(failure)
        }
        let widths = settings.widths(forSourceWidth: info.width).reversed().map { Int32($0) }
        var outputs = [gongshi_photo_output](repeating: gongshi_photo_output(), count: widths.count)
        var output = Int32(GONGSHI_OUTPUT_AUTO)
        let result = bytes.withUnsafeBytes { buffer in
            widths.withUnsafeBufferPointer { w in
                gongshi_photo_encode(buffer.baseAddress, buffer.count, w.baseAddress, Int32(w.count), Int32(settings.quality),
                                     &output, &outputs)
            }
        }
        if result != GONGSHI_PHOTO_OK {
            return .failure(failure(result, gongshi_photo_info(), detail: lastError()) ?? .broken(detail: ""))
        }
        let format = PhotoFormat(rawValue: UInt8(output)) ?? .jpeg
        var encoded: [EncodedPhoto] = []
        for out in outputs.reversed() {
            let bytes = out.bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: out.length)) } ?? []
            gongshi_photo_free_output(out.bytes)
            encoded.append(EncodedPhoto(width: Int(out.width), height: Int(out.height), format: format, bytes: bytes))
        }
        return .success(encoded)
    }

    /// The metadata fields libvips finds in an image (`exif-data`, `xmp-data`, `icc-profile-data` ...),
    /// nil when it cannot be read. For tests.
    public static func fields(_ bytes: [UInt8]) -> [String]? {
        guard started else { return nil }
        guard let text = bytes.withUnsafeBytes({ gongshi_photo_fields($0.baseAddress, $0.count) }) else { return nil }
        defer { gongshi_photo_free(text) }
        return String(cString: text).split(separator: "\n").map(String.init)
    }

    private static func lastError() -> String {
        guard let text = gongshi_photo_error() else { return "" }
        defer { gongshi_photo_free(text) }
        // The first line says what went wrong; the rest repeats it by operation.
        return String(cString: text).split(separator: "\n").first.map { String($0).trimmingCharacters() } ?? ""
    }

    private static func failure(_ result: Int32, _ info: gongshi_photo_info, detail: String = "") -> PhotoFailure? {
        switch result {
        case Int32(GONGSHI_PHOTO_OK): return nil
        case Int32(GONGSHI_PHOTO_UNKNOWN): return .unknown
        case Int32(GONGSHI_PHOTO_REFUSED): return info.format == Int32(GONGSHI_PHOTO_SVG) ? .svg : .unsupported
        case Int32(GONGSHI_PHOTO_TOO_LARGE): return .tooLarge
        case Int32(GONGSHI_PHOTO_UNAVAILABLE): return .libraryUnavailable
        default: return .broken(detail: detail)
        }
    }

    private static func format(_ code: Int32) -> PhotoInfo.Format {
        switch code {
        case Int32(GONGSHI_PHOTO_PNG): .png
        case Int32(GONGSHI_PHOTO_WEBP): .webp
        case Int32(GONGSHI_PHOTO_HEIF): .heif
        case Int32(GONGSHI_PHOTO_GIF): .gif
        default: .jpeg
        }
    }
}

private extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
