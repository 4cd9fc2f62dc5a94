extension Services {
    /// The `services` mapping, keyed by service name; absent services keep their defaults.
    static func decode(_ reader: MappingReader) -> Services {
        var services = Services()
        for name in ServiceName.allCases {
            if let service = reader.mapping(name.rawValue) {
                services[name] = ServiceConfig.decode(service, name: name)
            }
        }
        reader.finish()
        return services
    }
}

extension ServiceConfig {
    static func decode(_ reader: MappingReader, name: ServiceName) -> ServiceConfig {
        let base = ServiceConfig.defaults(for: name)
        var service = base
        service.cpu = reader.read("cpu", required: false, expected: "an integer", ScalarConversion.integer) { cpu in
            FargateSize.memoryByCPU[cpu] == nil
                ? "\(cpu) is not a Fargate cpu value; use one of "
                    + FargateSize.cpuValues.map(String.init).joined(separator: ", ")
                : nil
        } ?? base.cpu
        service.memory = reader.integer("memory", in: 512...122_880) ?? base.memory
        service.desiredCount = reader.integer("desiredCount", in: taskCountRange) ?? base.desiredCount
        service.minCount = reader.integer("minCount", in: taskCountRange) ?? base.minCount
        service.maxCount = reader.integer("maxCount", in: taskCountRange) ?? base.maxCount
        service.command = reader.stringList("command") ?? base.command
        service.environment = reader.stringMap("env", checkKey: ExtraEnvironmentRule.problem(with:))
            ?? base.environment
        service.stopTimeoutSeconds = reader.integer("stopTimeoutSeconds", in: stopTimeoutRange)
            ?? base.stopTimeoutSeconds
        if name.servesHTTP {
            service.port = reader.integer("port", in: portRange) ?? base.port
            service.healthPath = reader.string("healthPath") { path in
                path.hasPrefix("/") && !path.contains(" ") && path.count <= 1024
                    ? nil : "'\(path)' is not an HTTP path (it must start with '/')"
            } ?? base.healthPath
            service.healthCheckGracePeriodSeconds = reader.integer("healthCheckGracePeriodSeconds",
                                                                   in: gracePeriodRange)
                ?? base.healthCheckGracePeriodSeconds
        } else {
            let reason = "\(name) takes no traffic, so it has no"
            reader.forbid("port", because: "\(reason) port")
            reader.forbid("healthPath", because: "\(reason) load balancer health check path")
            reader.forbid("healthCheckGracePeriodSeconds", because: "\(reason) load balancer health check")
        }
        if let autoscaling = reader.mapping("autoscaling") {
            service.autoscaling = ServiceAutoscaling.decode(autoscaling, name: name)
        }
        reader.finish()
        return service
    }
}

extension ServiceAutoscaling {
    static func decode(_ reader: MappingReader, name: ServiceName) -> ServiceAutoscaling {
        var scaling = ServiceConfig.defaults(for: name).autoscaling
        scaling.cpuTargetPercent = reader.integer("cpuTargetPercent", in: percentRange) ?? scaling.cpuTargetPercent
        scaling.scaleOutCooldownSeconds = reader.integer("scaleOutCooldownSeconds", in: cooldownRange)
            ?? scaling.scaleOutCooldownSeconds
        scaling.scaleInCooldownSeconds = reader.integer("scaleInCooldownSeconds", in: cooldownRange)
            ?? scaling.scaleInCooldownSeconds
        let httpKeys = ["requestsPerTarget", "latencyP95Ms", "latencyStepPercent"]
        let queueKeys = ["messagesPerTask", "oldestMessageAgeSeconds", "stepPercent"]
        if var http = scaling.http {
            http.requestsPerTarget = reader.integer("requestsPerTarget", in: 1...1_000_000) ?? http.requestsPerTarget
            http.latencyP95Milliseconds = reader.integer("latencyP95Ms", in: 1...60_000) ?? http.latencyP95Milliseconds
            http.latencyStepPercent = reader.integer("latencyStepPercent", in: 1...1000) ?? http.latencyStepPercent
            scaling.http = http
            for key in queueKeys {
                reader.forbid(key, because: "queue-based scaling applies only to confirm-worker")
            }
        }
        if var queue = scaling.queue {
            queue.messagesPerTask = reader.integer("messagesPerTask", in: 1...1_000_000) ?? queue.messagesPerTask
            queue.oldestMessageAgeSeconds = reader.integer("oldestMessageAgeSeconds", in: 1...1_209_600)
                ?? queue.oldestMessageAgeSeconds
            queue.stepPercent = reader.integer("stepPercent", in: 1...1000) ?? queue.stepPercent
            scaling.queue = queue
            for key in httpKeys {
                reader.forbid(key, because: "\(name) is not behind the load balancer; request and latency scaling "
                              + "apply only to the APIs")
            }
        }
        reader.finish()
        return scaling
    }
}
