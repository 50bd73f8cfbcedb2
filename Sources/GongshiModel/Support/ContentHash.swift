/// A 64-bit hash that is the same in every process (Swift's `Hasher` is seeded
/// per run), for telling whether a file or a page's inputs changed between
/// builds. Not for security: content comes from the site's own staff.
public struct ContentHash: Sendable {
    public private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash = ContentHash()
        hash.combine(bytes)
        return hash.value
    }

    public static func of(_ text: String) -> UInt64 {
        var hash = ContentHash()
        hash.combine(text)
        return hash.value
    }

    public mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine(raw: $0) }
        combine(UInt64(bytes.count))
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(raw: UnsafeRawBufferPointer($0)) }
        combine(UInt64(text.utf8.count))
    }

    public mutating func combine(_ word: UInt64) {
        value = Self.mix(value ^ word)
    }

    public mutating func combine(raw buffer: UnsafeRawBufferPointer) {
        var index = 0
        let count = buffer.count
        while index + 8 <= count {
            value = Self.mix(value ^ buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(buffer[index]) << shift
            shift += 8
            index += 1
        }
        value = Self.mix(value ^ tail ^ 0xFF)
    }

    /// One multiply-xorshift round (from SplitMix64's finalizer).
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 31)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}

extension Duration {
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
