import Yams

/// Turns the YAML tree of a stack file into a `Stack`, reporting structural problems (unknown
/// keys, wrong types, missing keys, malformed values) into the sink. Values that fail keep
/// their defaults so decoding continues and every problem in the file is found in one pass.
struct StackDecoder {
    let sink: DiagnosticSink

    /// The decoded stack plus, for each of its regions, the path of its entry in the file
    /// (`regions[i]`); regions whose name or CIDR failed are left out.
    struct Result {
        var stack: Stack
        var regionPaths: [String]
        /// Some `regions` entry could not be decoded, so the region list is incomplete.
        var regionsIncomplete: Bool
    }

    func decode(_ root: Node) -> Result? {
        guard let top = MappingReader(root, path: "", sink: sink) else { return nil }
        let name = top.string("stack", required: true, check: StackNameRule.problem) ?? ""
        let tags = top.stringMap("tags", checkKey: { UserTagRule.problem(withKey: $0) },
                                 checkValue: { _, value in UserTagRule.problem(withValue: value) }) ?? [:]
        if tags.count > UserTagRule.maxCount {
            sink.fail("tags", "at most \(UserTagRule.maxCount) tags (AWS allows 50 per resource, tpsctl adds its own)",
                      at: sink.location(of: "tags"))
        }
        var regions: [RegionConfig] = []
        var regionPaths: [String] = []
        var itemCount = 0
        if let items = top.sequence("regions", required: true) {
            if items.isEmpty {
                sink.fail("regions", "list at least one region", at: sink.location(of: "regions"))
            }
            itemCount = items.count
            for (node, path) in items {
                guard let reader = MappingReader(node, path: path, sink: sink),
                      let region = RegionConfig.decode(reader) else { continue }
                regions.append(region)
                regionPaths.append(path)
            }
        }
        var stack = Stack(name: name, tags: tags, regions: regions)
        if let section = top.mapping("network") { stack.network = NetworkConfig.decode(section) }
        if let section = top.mapping("ecr") { stack.ecr = ECRConfig.decode(section) }
        if let section = top.mapping("logs") { stack.logs = LogsConfig.decode(section) }
        if let section = top.mapping("dataPlane") { stack.dataPlane = DataPlaneConfig.decode(section) }
        if let section = top.mapping("services") { stack.services = Services.decode(section) }
        if let section = top.mapping("alb") { stack.loadBalancer = LoadBalancerConfig.decode(section) }
        if let section = top.mapping("cloudFront") { stack.cloudFront = CloudFrontConfig.decode(section) }
        if let section = top.mapping("domain") { stack.domain = DomainConfig.decode(section) }
        if let section = top.mapping("dbInit") { stack.databaseInit = DatabaseInitConfig.decode(section) }
        if let section = top.mapping("app") { stack.app = AppConfig.decode(section) }
        if let section = top.mapping("capacity") { stack.capacity = CapacityConfig.decode(section) }
        if let section = top.mapping("local") { stack.local = LocalConfig.decode(section) }
        stack.production = top.boolean("production") ?? false
        if let section = top.mapping("waf") { stack.waf = WAFConfig.decode(section) }
        top.finish()
        return Result(stack: stack, regionPaths: regionPaths,
                      regionsIncomplete: sink.isFailed("regions") || regions.count < itemCount)
    }
}
