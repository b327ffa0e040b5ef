import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names a request may address the preview by (its `Host` header), and the one origin whose
/// pages may open the live-reload WebSocket.
///
/// A web page cannot read another site's answers, unless that site's name leads to the preview:
/// a page on `attacker.example` can point its own name at 127.0.0.1 (DNS rebinding) and then read
/// the preview as if it were its own. Its requests still say `Host: attacker.example`, so
/// answering only this computer's own names, and the address given with `--host`, defeats it.
/// WebSockets are not bound by that rule at all: any page may open one to any address, and the
/// browser says which page did in `Origin`.
struct AllowedHosts: Sendable {
    /// Lower case, IPv6 addresses in brackets: `localhost`, `127.0.0.1`, `[::1]`, and `--host`.
    let names: [String]


    /// - Parameter host: the address the preview listens on, as given with `--host`. A wildcard
    ///   (`0.0.0.0`, `::`) lets other computers in, so every address of this computer's network
    ///   cards and its host name are allowed too: the names a phone on the same network would use.
    init(listeningOn host: String) {
        var names = ["localhost", "127.0.0.1", "[::1]", Self.bracketed(host)]
        if host == "0.0.0.0" || host == "::" {
            names += Self.interfaceAddresses().map(Self.bracketed)
            names += Self.hostNames()
        }
        var seen = Set<String>()
        self.names = names.map { $0.lowercased() }.filter { seen.insert($0).inserted }
    }

    private static func bracketed(_ address: String) -> String {
        address.contains(":") ? "[\(address)]" : address
    }

    /// The IPv4 and IPv6 addresses of this computer's network cards, as text.
    private static func interfaceAddresses() -> [String] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var addresses: [String] = []
        var next = first
        while let entry = next?.pointee {
            next = entry.ifa_next
            guard let address = entry.ifa_addr else { continue }
            let family = Int32(address.pointee.sa_family)
            guard family == AF_INET || family == AF_INET6 else { continue }
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let raw: UnsafeRawPointer = family == AF_INET
                ? UnsafeRawPointer(address).advanced(by: MemoryLayout<sockaddr_in>.offset(of: \.sin_addr)!)
                : UnsafeRawPointer(address).advanced(by: MemoryLayout<sockaddr_in6>.offset(of: \.sin6_addr)!)
            // A link-local IPv6 address carries its card (`%eth0`) only in the socket address, never here.
            if inet_ntop(family, raw, &text, socklen_t(text.count)) != nil {
                addresses.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
        }
        return addresses
    }

    /// This computer's host name, and its `.local` name that other computers on the network find it by.
    private static func hostNames() -> [String] {
        var text = [CChar](repeating: 0, count: 256)
        guard gethostname(&text, text.count - 1) == 0 else { return [] }
        let name = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !name.isEmpty else { return [] }
        return name.hasSuffix(".local") ? [name] : [name, name + ".local"]
    }

    /// Whether a `Host` header names this computer: one of `names`, with any port or none.
    func allows(host: String) -> Bool {
        let lowered = host.lowercased()
        let name: Substring, port: Substring
        if lowered.hasPrefix("["), let close = lowered.firstIndex(of: "]") {
            name = lowered[...close]
            port = lowered[lowered.index(after: close)...]
        } else if let colon = lowered.firstIndex(of: ":") {
            (name, port) = (lowered[..<colon], lowered[colon...])
        } else {
            (name, port) = (lowered[...], "")
        }
        let portIsValid = port.isEmpty || (port.first == ":" && port.count <= 6 && port.dropFirst().allSatisfy(\.isASCIIDigit))
        return portIsValid && names.contains(String(name))
    }

    /// Whether a WebSocket request comes from the preview's own pages: those loaded from the very
    /// address it was sent to, `http://` and the `Host` header. Programs other than browsers send
    /// no `Origin`; they could read the preview's files anyway.
    func allows(origin: String?, host: String) -> Bool {
        guard let origin else { return true }
        return origin.lowercased() == "http://" + host.lowercased()
    }

    /// The names, for a message: `localhost, 127.0.0.1, [::1]`.
    var shown: String {
        names.joined(separator: ", ")
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
