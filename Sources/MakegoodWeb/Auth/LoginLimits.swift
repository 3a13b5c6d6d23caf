import MakegoodStore

/// How many failed portal logins are allowed before further attempts wait: per login (instance and email), so one
/// account can't be guessed at, and per client address, so one client can't guess at many accounts.
enum LoginLimits {
    /// The window the attempts are counted in.
    static let window: Double = 15 * 60
    /// Failed attempts a login may have in the window.
    static let perLogin = 10
    /// Failed attempts one client address may have in the window, over every login it tries.
    static let perAddress = 50

    /// The counter of one login.
    static func loginKey(cpc: String, email: String) -> String {
        "login|\(cpc.lowercased())|\(email.lowercased())"
    }

    /// The counters an attempt is counted against: its login's, and its client address's when known.
    static func limits(cpc: String, email: String, clientAddress: String?) -> [LoginAttemptRepository.Limit] {
        var limits = [LoginAttemptRepository.Limit(key: loginKey(cpc: cpc, email: email), attempts: perLogin)]
        if let clientAddress { limits.append(.init(key: "address|\(clientAddress)", attempts: perAddress)) }
        return limits
    }
}
