/// A compact binary encoding for the build cache: little-endian integers,
/// length-prefixed UTF-8 strings. Hand-written because decoding 20,000 cached
/// reports must take milliseconds, not the tenths of a second Codable takes.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(1 << 20) }

    /// Hands what is written so far to `sink` and starts empty again (for encodings written in pieces).
    public mutating func flush(_ sink: ([UInt8]) throws -> Void) rethrows {
        try sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    public mutating func int(_ value: Int) { uint(UInt64(bitPattern: Int64(value))) }

    public mutating func uint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Bytes that are already encoded.
    public mutating func raw(_ encoded: ArraySlice<UInt8>) { bytes.append(contentsOf: encoded) }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { buffer in
            uint(UInt64(buffer.count))
            bytes.append(contentsOf: buffer)
        }
    }

    public mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    /// Bytes, length-prefixed.
    public mutating func blob(_ value: [UInt8]) {
        uint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }
}

public struct ByteReader {
    private let bytes: [UInt8]
    public private(set) var offset = 0
    /// Set when the data ran out or was malformed; every read after that returns a default.
    public private(set) var failed = false

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { offset >= bytes.count }

    public mutating func uint() -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        failed = true
        return 0
    }

    public mutating func int() -> Int { Int(Int64(bitPattern: uint())) }

    public mutating func bool() -> Bool {
        guard offset < bytes.count else { failed = true; return false }
        offset += 1
        return bytes[offset - 1] != 0
    }

    public mutating func string() -> String {
        let count = Int(clamping: uint())
        guard !failed, count <= bytes.count - offset else { failed = true; return "" }
        defer { offset += count }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<offset + count]), as: UTF8.self)
        }
    }

    public mutating func optionalString() -> String? { bool() ? string() : nil }

    public mutating func blob() -> [UInt8] {
        let count = Int(clamping: uint())
        guard !failed, count <= bytes.count - offset else { failed = true; return [] }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }
}
