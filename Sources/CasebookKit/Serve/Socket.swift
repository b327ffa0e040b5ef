import CSystem
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address and port to listen on.
struct SocketAddress: Sendable {
    private var storage = sockaddr_storage()
    let length: socklen_t
    let family: Int32

    /// - Parameter host: an IPv4 or IPv6 address, or `localhost` for 127.0.0.1.
    init(host: String, port: UInt16) throws(Diagnostic) {
        let address = host == "localhost" ? "127.0.0.1" : host
        var ip4 = sockaddr_in(), ip6 = sockaddr_in6()
        if inet_pton(AF_INET, address, &ip4.sin_addr) == 1 {
            ip4.sin_family = sa_family_t(AF_INET)
            ip4.sin_port = port.bigEndian
            Self.store(ip4, in: &storage)
            (length, family) = (socklen_t(MemoryLayout<sockaddr_in>.size), AF_INET)
        } else if inet_pton(AF_INET6, address, &ip6.sin6_addr) == 1 {
            ip6.sin6_family = sa_family_t(AF_INET6)
            ip6.sin6_port = port.bigEndian
            Self.store(ip6, in: &storage)
            (length, family) = (socklen_t(MemoryLayout<sockaddr_in6>.size), AF_INET6)
        } else {
            throw .error("--host \(host) is not an IP address", hint: "use 127.0.0.1 (this computer only) or the address of one of its network cards")
        }
    }

    /// Copies an address into the storage, the source's bytes used only while they are valid.
    private static func store<T>(_ address: T, in storage: inout sockaddr_storage) {
        withUnsafeBytes(of: address) { source in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) } }
    }

    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        withUnsafeBytes(of: storage) { body($0.baseAddress!.assumingMemoryBound(to: sockaddr.self), length) }
    }
}

/// The few socket calls whose spelling differs between Linux and macOS.
enum Socket {
    #if canImport(Glibc)
    static let stream = Int32(SOCK_STREAM.rawValue)
    /// A peer that has gone away must make `send` fail, not kill the process with SIGPIPE.
    static let sendFlags = Int32(MSG_NOSIGNAL)
    static let openFileLimit = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    /// Asked for when a socket is made, so that no program started meanwhile inherits it.
    static let closeOnExec = Int32(SOCK_CLOEXEC.rawValue)
    #else
    static let stream = SOCK_STREAM
    static let sendFlags: Int32 = 0
    static let openFileLimit = RLIMIT_NOFILE
    /// macOS has no such flag: sockets are marked with `fcntl` once made.
    static let closeOnExec: Int32 = 0
    #endif

    /// A non-blocking socket listening on `address`; returns it with the port it got.
    static func listening(on address: SocketAddress) throws(POSIXError) -> (socket: Int32, port: UInt16) {
        let listener = socket(address.family, stream | closeOnExec, 0)
        guard listener >= 0 else { throw lastError() }
        if closeOnExec == 0 { _ = fcntl(listener, F_SETFD, FD_CLOEXEC) }
        var on: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        guard address.withSocketAddress({ bind(listener, $0, $1) }) == 0, listen(listener, 128) == 0 else {
            let error = lastError()
            close(listener)
            throw error
        }
        setNonBlocking(listener)
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        // The port sits at the same place in both address kinds.
        let port = withUnsafeBytes(of: bound) { UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self)) }
        return (listener, port)
    }

    /// The next connection waiting on `listener`, or -1 with `errno` set: non-blocking, closed
    /// on exec (so that no program started meanwhile inherits it), with no SIGPIPE and small
    /// answers sent at once.
    static func accept(_ listener: Int32) -> Int32 {
        let connection = casebook_accept(listener)
        guard connection >= 0 else { return connection }
        var on: Int32 = 1
        setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return connection
    }

    /// A pipe whose ends are non-blocking and closed on exec; 0 on success, else -1 with `errno`.
    static func pipe(_ ends: inout [Int32]) -> Int32 { casebook_pipe(&ends) }

    private static func setNonBlocking(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    static func lastError() -> POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
