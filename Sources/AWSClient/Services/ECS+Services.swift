import FoundationEssentials

/// ECS services: long-running tasks kept at a desired count, rolled out by deployments.
/// Create and update inputs are JSON documents the caller builds (ECS takes ~30 optional
/// fields); what is read back is typed, because waits and diffs need it.
extension ECS {
    public struct Service: Sendable, Equatable {
        public var name: String
        public var arn: String
        /// `ACTIVE`, `DRAINING` or `INACTIVE`.
        public var status: String
        public var clusterArn: String
        public var taskDefinition: String
        public var desiredCount: Int
        public var runningCount: Int
        public var pendingCount: Int
        public var launchType: String
        public var subnets: Set<String>
        public var securityGroups: Set<String>
        public var assignPublicIp: String
        /// `targetGroupArn|containerName|containerPort` per load balancer.
        public var loadBalancers: Set<String>
        public var minimumHealthyPercent: Int
        public var maximumPercent: Int
        public var circuitBreaker: Bool
        public var rollback: Bool
        public var healthCheckGracePeriodSeconds: Int
        public var deployments: [Deployment]
        /// Newest first, as ECS lists them.
        public var events: [Event]
        public var tags: [String: String]

        init(_ json: JSONValue) {
            name = json["serviceName"]?.string ?? ""
            arn = json["serviceArn"]?.string ?? ""
            status = json["status"]?.string ?? ""
            clusterArn = json["clusterArn"]?.string ?? ""
            taskDefinition = json["taskDefinition"]?.string ?? ""
            desiredCount = json["desiredCount"]?.int ?? 0
            runningCount = json["runningCount"]?.int ?? 0
            pendingCount = json["pendingCount"]?.int ?? 0
            launchType = json["launchType"]?.string ?? ""
            let network = json["networkConfiguration"]?["awsvpcConfiguration"]
            subnets = Set((network?["subnets"]?.array ?? []).compactMap(\.string))
            securityGroups = Set((network?["securityGroups"]?.array ?? []).compactMap(\.string))
            assignPublicIp = network?["assignPublicIp"]?.string ?? "DISABLED"
            loadBalancers = Set((json["loadBalancers"]?.array ?? []).map {
                "\($0["targetGroupArn"]?.string ?? "")|\($0["containerName"]?.string ?? "")|\($0["containerPort"]?.int ?? 0)"
            })
            let configuration = json["deploymentConfiguration"]
            minimumHealthyPercent = configuration?["minimumHealthyPercent"]?.int ?? 100
            maximumPercent = configuration?["maximumPercent"]?.int ?? 200
            circuitBreaker = configuration?["deploymentCircuitBreaker"]?["enable"]?.bool ?? false
            rollback = configuration?["deploymentCircuitBreaker"]?["rollback"]?.bool ?? false
            healthCheckGracePeriodSeconds = json["healthCheckGracePeriodSeconds"]?.int ?? 0
            deployments = (json["deployments"]?.array ?? []).map(Deployment.init)
            events = (json["events"]?.array ?? []).map(Event.init)
            var tags: [String: String] = [:]
            for tag in json["tags"]?.array ?? [] {
                if let key = tag["key"]?.string { tags[key] = tag["value"]?.string ?? "" }
            }
            self.tags = tags
        }

        /// The deployment ECS is moving the service to.
        public var primary: Deployment? { deployments.first { $0.status == "PRIMARY" } }
    }

    public struct Deployment: Sendable, Equatable {
        public var id: String
        /// `PRIMARY`, `ACTIVE` (being replaced) or `INACTIVE`.
        public var status: String
        public var taskDefinition: String
        public var desiredCount: Int
        public var runningCount: Int
        public var pendingCount: Int
        public var failedTasks: Int
        /// `IN_PROGRESS`, `COMPLETED` or `FAILED`.
        public var rolloutState: String
        public var rolloutStateReason: String

        init(_ json: JSONValue) {
            id = json["id"]?.string ?? ""
            status = json["status"]?.string ?? ""
            taskDefinition = json["taskDefinition"]?.string ?? ""
            desiredCount = json["desiredCount"]?.int ?? 0
            runningCount = json["runningCount"]?.int ?? 0
            pendingCount = json["pendingCount"]?.int ?? 0
            failedTasks = json["failedTasks"]?.int ?? 0
            rolloutState = json["rolloutState"]?.string ?? ""
            rolloutStateReason = json["rolloutStateReason"]?.string ?? ""
        }
    }

    public struct Event: Sendable, Equatable {
        public var id: String
        public var message: String

        init(_ json: JSONValue) {
            id = json["id"]?.string ?? ""
            message = json["message"]?.string ?? ""
        }
    }

    /// The service called `name` in `cluster` (any status), or nil when ECS does not know it.
    public func service(_ name: String, cluster: String) async throws -> Service? {
        let output = try await client.json(.ecs, "DescribeServices", [
            "cluster": .string(cluster), "services": [.string(name)], "include": ["TAGS"],
        ])
        return (output["services"]?.array ?? []).map(Service.init).first
    }

    public func createService(_ input: JSONValue) async throws -> Service {
        Service(try await client.json(.ecs, "CreateService", input)["service"] ?? [:])
    }

    public func updateService(_ input: JSONValue) async throws -> Service {
        Service(try await client.json(.ecs, "UpdateService", input)["service"] ?? [:])
    }

    /// Deletes even with running tasks (`force`): ECS drains them.
    public func deleteService(_ name: String, cluster: String) async throws {
        _ = try await client.json(.ecs, "DeleteService", [
            "cluster": .string(cluster), "service": .string(name), "force": true,
        ])
    }

    /// The ARNs of a cluster's services.
    public func serviceArns(cluster: String) async throws -> [String] {
        var arns: [String] = []
        for try await page in client.jsonPages(.ecs, "ListServices", ["cluster": .string(cluster)],
                                               inputToken: "nextToken", outputToken: "nextToken") {
            arns += (page["serviceArns"]?.array ?? []).compactMap(\.string)
        }
        return arns
    }
}
