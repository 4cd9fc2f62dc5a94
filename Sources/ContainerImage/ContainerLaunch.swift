/// How to start an unpacked image's entrypoint like a container runtime would, minus
/// isolation beyond the root directory and its own mounts: `unshare --mount-proc --root=<rootfs>
/// --wd=<WorkingDir> --setuid/--setgid <User>` with exactly the image's environment (plus overrides).
///
/// /dev gets the runtime's device nodes (`ContainerDevices`). /proc is mounted because every
/// runtime (and Fargate) provides it and the Swift services need it: libdispatch's worker-pool monitor reads `/proc/<tid>/stat` and traps (SIGILL) when it
/// cannot, so without it a healthy service dies seconds into its first busy moment.
public struct ContainerLaunch: Sendable {
    public let root: String
    public let arguments: [String]
    public let environment: [String: String]
    public let workingDirectory: String
    public let uid: Int
    public let gid: Int
    let port: Int
    /// A network namespace (`ip netns` name) to start in; nil: the caller's.
    public var networkNamespace: String?

    /// As ECS starts a task's container from its image: the definition's `entryPoint` replaces
    /// the image's Entrypoint (and drops its Cmd), `command` replaces Cmd, `user` and
    /// `workingDirectory` replace the image's; `environment` is added to the image's Env.
    public init(config: OCIImageConfig, root: String, entryPoint: [String]?, command: [String]?, user: String?,
                workingDirectory: String?, environment: [String: String], networkNamespace: String?) throws {
        self.root = root
        let runtime = config.config
        let entry = entryPoint ?? runtime?.Entrypoint ?? []
        arguments = entry + (command ?? (entryPoint == nil ? runtime?.Cmd ?? [] : []))
        guard !arguments.isEmpty else { throw ContainerImageError.invalidArgument("neither the task definition nor the image gives a command") }
        var merged = Self.imageEnvironment(config)
        merged.merge(environment) { $1 }
        self.environment = merged
        self.workingDirectory = workingDirectory ?? runtime?.WorkingDir.flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        (uid, gid) = try Self.resolveUser(user ?? runtime?.User ?? "", root: root)
        port = 0
        self.networkNamespace = networkNamespace
    }

    /// The same container's user, root, namespace and environment running another command (a
    /// health check's `CMD`), as `docker exec` would.
    public func running(_ command: [String]) -> ContainerLaunch {
        ContainerLaunch(root: root, arguments: command, environment: environment, workingDirectory: workingDirectory,
                        uid: uid, gid: gid, port: port, networkNamespace: networkNamespace)
    }

    private init(root: String, arguments: [String], environment: [String: String], workingDirectory: String,
                 uid: Int, gid: Int, port: Int, networkNamespace: String?) {
        self.root = root
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.uid = uid
        self.gid = gid
        self.port = port
        self.networkNamespace = networkNamespace
    }

    static func imageEnvironment(_ config: OCIImageConfig) -> [String: String] {
        var environment: [String: String] = [:]
        for pair in config.config?.Env ?? [] {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            environment[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return environment
    }

    init(config: OCIImageConfig, root: String, overrides: [String: String], port: Int?) throws {
        self.root = root
        let runtime = config.config
        arguments = (runtime?.Entrypoint ?? []) + (runtime?.Cmd ?? [])
        guard !arguments.isEmpty else { throw ContainerImageError.invalidArgument("the image has neither Entrypoint nor Cmd") }
        var environment = Self.imageEnvironment(config)
        environment.merge(overrides) { $1 }
        if let port { environment["PORT"] = String(port) }
        guard let chosen = port ?? environment["PORT"].flatMap(Int.init) else {
            throw ContainerImageError.invalidArgument("no port to probe: the image sets no PORT and none was given")
        }
        self.port = chosen
        self.environment = environment
        workingDirectory = runtime?.WorkingDir.flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        (uid, gid) = try Self.resolveUser(runtime?.User ?? "", root: root)
        networkNamespace = nil
    }

    /// `uid[:gid]` or `name[:group]`, names looked up in the image's /etc/passwd and /etc/group.
    static func resolveUser(_ user: String, root: String) throws -> (Int, Int) {
        if user.isEmpty { return (0, 0) }
        let parts = user.split(separator: ":", maxSplits: 1).map(String.init)
        func lookup(_ file: String, _ name: String, idField: Int) throws -> [String]? {
            let text = String(decoding: (try? readWholeFile(root + file)) ?? [], as: UTF8.self)
            return text.split(separator: "\n").map { $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init) }
                .first { $0.count > idField && $0[0] == name }
        }
        let uid: Int
        var gid: Int
        if let numeric = Int(parts[0]) {
            uid = numeric
            gid = numeric
        } else if let entry = try lookup("/etc/passwd", parts[0], idField: 3), let u = Int(entry[2]), let g = Int(entry[3]) {
            uid = u
            gid = g
        } else {
            throw ContainerImageError.invalidArgument("image user '\(parts[0])' is not in its /etc/passwd")
        }
        if parts.count == 2 {
            if let numeric = Int(parts[1]) { gid = numeric }
            else if let entry = try lookup("/etc/group", parts[1], idField: 2), let g = Int(entry[2]) { gid = g }
            else { throw ContainerImageError.invalidArgument("image group '\(parts[1])' is not in its /etc/group") }
        }
        return (uid, gid)
    }

    public func start(logPath: String) throws -> ChildProcess {
        guard let unshare = Subprocess.locate("unshare") else {
            throw ContainerImageError.commandUnavailable(command: "unshare", reason: "not found (install util-linux)")
        }
        guard geteuid() == 0 else {
            throw ContainerImageError.invalidArgument("running an image in a chroot needs root (effective uid is \(geteuid()))")
        }
        // The mount point must exist inside the image's tree (images do not ship one; runtimes make it).
        if mkdir(root + "/proc", 0o555) != 0 && errno != EEXIST {
            throw ContainerImageError.commandFailed(command: "mkdir \(root)/proc", status: errno, output: String(cString: strerror(errno)))
        }
        try ContainerDevices.populate(root: root)
        // --mount-proc (a private mount namespace, the host's PID namespace) is applied after --root;
        // no --fork, so the entrypoint is unshare's own process and receives SIGTERM directly.
        let options = ["--mount-proc=/proc", "--root=\(root)", "--wd=\(workingDirectory)",
                       "--setgid", String(gid), "--setuid", String(uid), "--"]
        guard let networkNamespace else {
            return try ChildProcess(executable: unshare, arguments: options + arguments, environment: environment, logPath: logPath)
        }
        // nsenter (no --fork) joins the namespace and execs unshare, which execs the entrypoint:
        // the process started is still the container's own, so signals reach it directly.
        guard let nsenter = Subprocess.locate("nsenter") else {
            throw ContainerImageError.commandUnavailable(command: "nsenter", reason: "not found (install util-linux)")
        }
        return try ChildProcess(executable: nsenter, arguments: ["--net=/run/netns/\(networkNamespace)", "--", unshare] + options + arguments,
                                environment: environment, logPath: logPath)
    }

    /// SIGTERM (as ECS sends it), then SIGKILL after `timeout`; returns the exit status
    /// (0 for a clean drain, 128 + signal when a signal ended it).
    public func stop(_ process: ChildProcess, timeout: Duration = .seconds(10)) async -> Int32 {
        process.signal(SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            process.signal(SIGKILL)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        }
        return process.terminationStatus ?? -1
    }
}
