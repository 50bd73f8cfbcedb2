import Glibc
import Dispatch
import GongshiModel

/// A small HTTP/1.1 server on POSIX sockets for `gongshi serve`: GET and HEAD,
/// keep-alive, one thread per connection (a preview for one office's staff,
/// not a public web server), and long-lived responses for server-sent events.
final class HTTPServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
    }

    enum Body: Sendable {
        case bytes([UInt8])
        /// Keeps the connection and hands it to `stream`, which writes until the client goes.
        case stream(@Sendable (EventStream) -> Void)
    }

    struct Response: Sendable {
        var status: Int
        var reason: String
        var headers: [(String, String)]
        var body: Body

        init(status: Int, reason: String, headers: [(String, String)] = [], body: [UInt8] = []) {
            self.status = status; self.reason = reason; self.headers = headers; self.body = .bytes(body)
        }

        init(stream: @escaping @Sendable (EventStream) -> Void) {
            status = 200; reason = "OK"
            headers = [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store")]
            body = .stream(stream)
        }
    }

    /// A connection kept open for server-sent events.
    final class EventStream: @unchecked Sendable {
        let socket: Int32
        init(socket: Int32) { self.socket = socket }
        /// False once the client has gone.
        func send(_ text: String) -> Bool { HTTPServer.sendAll(socket, Array(text.utf8)) }
    }

    private let listener: Int32
    let port: Int
    private let handler: @Sendable (Request) -> Response

    /// Binds at once (so a taken port fails here, not later); port 0 picks a free one.
    init(host: String, port: Int, handler: @escaping @Sendable (Request) -> Response) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeError.socket("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw ServeError.address(host)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 256) == 0 else {
            let code = errno
            close(fd)
            throw ServeError.socket("bind \(host):\(port)", code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.handler = handler
    }

    private let state = Lock()
    private var stopped = false
    private var started = false
    /// Open connections, so `stop` can end them.
    private var clients: Set<Int32> = []
    /// Ends when the accept loop has ended and every connection is closed.
    private let running = DispatchGroup()

    /// Accepts connections on a thread of its own until `stop`.
    func start() {
        let go: Bool = state.withLock {
            guard !stopped, !started else { return false }
            started = true
            running.enter()
            return true
        }
        guard go else { return }
        DispatchQueue(label: "gongshi.serve.accept").async { [self] in
            acceptLoop()
            running.leave()
        }
    }

    /// Stops accepting, ends every open connection (an event stream's next send fails) and
    /// waits until the accept loop and every connection's thread have ended; then closes
    /// the listening socket. `beforeWaiting` runs once the sockets are shut down, to wake
    /// handlers that wait for something else (event streams). Safe to call more than once.
    func stop(beforeWaiting: () -> Void = {}) {
        let open: Set<Int32>? = state.withLock {
            guard !stopped else { return nil }
            stopped = true
            return clients
        }
        guard let open else { return }
        // shutdown, not close: the number stays ours until the loop and the threads are done with it.
        shutdown(listener, Int32(SHUT_RDWR))
        for client in open { shutdown(client, Int32(SHUT_RDWR)) }
        beforeWaiting()
        running.wait()
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if state.withLock({ stopped }) { return }
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE { usleep(1000); continue }
                return
            }
            let accepted: Bool = state.withLock {
                guard !stopped else { return false }
                clients.insert(client)
                running.enter()
                return true
            }
            guard accepted else { close(client); return }
            var timeout = timeval(tv_sec: 30, tv_usec: 0)  // an idle keep-alive connection does not hold a thread forever
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            // A thread of its own: a connection blocks in recv between requests, and GCD's
            // pool (as many threads as cores) let waiting connections starve (wrk timeouts).
            if !Self.spawn({ [self] in serve(client); closeClient(client) }) { closeClient(client) }
        }
    }

    private func closeClient(_ client: Int32) {
        state.withLock { _ = clients.remove(client) }
        close(client)
        running.leave()
    }

    /// Runs `body` on a new detached thread; false when no thread could be made.
    private static func spawn(_ body: @escaping @Sendable () -> Void) -> Bool {
        final class Work { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, 512 * 1024)
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, work)
        if started != 0 { Unmanaged<Work>.fromOpaque(work).release() }
        return started == 0
    }

    /// Requests on one connection, in order, until it closes.
    private func serve(_ client: Int32) {
        var buffer: [UInt8] = []
        var keep = true
        while keep {
            guard let (request, consumed) = readRequest(client, &buffer) else { break }
            buffer.removeFirst(consumed)
            let response: Response
            switch request {
            case .failure(let status):
                response = Response(status: status, reason: status == 431 ? "Request Header Fields Too Large" : "Bad Request",
                                    headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("bad request\n".utf8))
                keep = false
            case .success(let parsed):
                response = handler(parsed)
                let connection = parsed.headers["connection"]?.lowercased() ?? ""
                keep = !connection.contains("close")
                if case .stream(let stream) = response.body {
                    guard write(response, to: client, head: false, keepAlive: true) else { break }
                    stream(EventStream(socket: client))
                    keep = false
                    break
                }
                guard write(response, to: client, head: parsed.method == "HEAD", keepAlive: keep) else { keep = false; break }
            }
            if case .failure = request { _ = write(response, to: client, head: false, keepAlive: false) }
        }
    }

    private enum Parsed { case success(Request), failure(Int) }

    /// Reads until a full request head is buffered. nil when the client closed or timed out.
    private func readRequest(_ client: Int32, _ buffer: inout [UInt8]) -> (Parsed, Int)? {
        let limit = 32 * 1024
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            if let end = headEnd(buffer) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                var consumed = end + 4
                guard let request = parse(head) else { return (.failure(400), buffer.count) }
                // A body on GET/HEAD is allowed but meaningless: skip it.
                if let length = request.headers["content-length"].flatMap({ Int($0) }), length > 0 {
                    guard length <= 1 << 20 else { return (.failure(400), buffer.count) }
                    while buffer.count < consumed + length {
                        let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, 8192, 0) }
                        if n <= 0 { return nil }
                        buffer.append(contentsOf: chunk[..<n])
                    }
                    consumed += length
                }
                return (.success(request), consumed)
            }
            if buffer.count > limit { return (.failure(431), buffer.count) }
            let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, 8192, 0) }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    private func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }

    private func parse(_ head: String) -> Request? {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        let parts = first.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers[line[..<colon].trimmed().lowercased()] = line[line.index(after: colon)...].trimmed()
        }
        if parts[2] == "HTTP/1.0", headers["connection"]?.lowercased() != "keep-alive" { headers["connection"] = "close" }
        return Request(method: String(parts[0]), target: String(parts[1]), headers: headers)
    }

    private func write(_ response: Response, to client: Int32, head: Bool, keepAlive: Bool) -> Bool {
        var text = "HTTP/1.1 \(response.status) \(response.reason)\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        if case .bytes(let body) = response.body { text += "Content-Length: \(body.count)\r\n" }
        text += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var bytes = Array(text.utf8)
        if !head, case .bytes(let body) = response.body { bytes += body }
        return Self.sendAll(client, bytes)
    }

    static func sendAll(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let flags = Int32(MSG_NOSIGNAL)
            let n = bytes.withUnsafeBytes { send(socket, $0.baseAddress! + offset, bytes.count - offset, flags) }
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }
}

enum ServeError: Error, CustomStringConvertible {
    case socket(String, Int32)
    case address(String)

    var description: String {
        switch self {
        case .socket(let what, let code): return "\(what): \(String(cString: strerror(code)))"
        case .address(let host): return "not an IPv4 address: \(host)"
        }
    }
}
