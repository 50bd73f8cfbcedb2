import Dispatch

/// Work spread over every core. Order of results is the order of the input,
/// so parallel stages stay deterministic.
public enum Parallel {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        let results = UnsafeResultBuffer<R>(count: items.count)
        // Chunks keep scheduling overhead low for thousands of small items.
        let chunk = max(1, items.count / 64)
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let end = min(items.count, (c + 1) * chunk)
            for i in (c * chunk)..<end { results.set(i, transform(items[i])) }
        }
        return results.finish()
    }

}

/// Each index is written by exactly one iteration, so no two threads touch the same slot.
private final class UnsafeResultBuffer<R>: @unchecked Sendable {
    private var storage: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: R) { storage[index] = value }

    func finish() -> [R] {
        let result = (0..<count).map { storage[$0]! }
        storage.deinitialize(count: count)
        storage.deallocate()
        return result
    }
}

/// A value worked out on another thread while the caller goes on; `value` waits for it.
public final class Pending<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)
    private let lock = Lock()

    public init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async { [self] in
            let value = work()
            lock.withLock { result = value }
            done.signal()
        }
    }

    public var value: T {
        lock.withLock { () -> T? in result } ?? {
            done.wait()
            done.signal()  // let later readers through too
            return lock.withLock { result! }
        }()
    }
}

/// A small mutex on Dispatch, so GongshiModel needs no Foundation.
public final class Lock: @unchecked Sendable {
    public init() {}
    private let semaphore = DispatchSemaphore(value: 1)
    public func withLock<R>(_ body: () -> R) -> R {
        semaphore.wait()
        defer { semaphore.signal() }
        return body()
    }
}

/// A value worked out on first use, once, whichever thread asks first.
public final class Lazy<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private var work: (@Sendable () -> T)?
    private let lock = Lock()

    public init(_ work: @escaping @Sendable () -> T) { self.work = work }

    public var value: T {
        lock.withLock {
            if let result { return result }
            let made = work!()
            result = made
            work = nil
            return made
        }
    }
}
