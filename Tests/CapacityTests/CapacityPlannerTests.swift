import Capacity
import Foundation
import Stack
import Testing

@Suite("tpsctl capacity: the plan for a rate of the seed's mix")
struct CapacityPlannerTests {
    static let yaml = """
    stack: cap
    regions:
      - name: ap-northeast-1
        cidr: 10.10.0.0/16
      - name: ap-northeast-2
        cidr: 10.20.0.0/16
        overrides:
          services:
            public-api: { maxCount: 10 }
    capacity:
      targetRPS: 100000
    dataPlane:
      aurora:
        minACU: 1
        maxACU: 128
        connectionsPerTask: 5
    services:
      public-api: { cpu: 1024, memory: 2048, desiredCount: 2, minCount: 2, maxCount: 100 }
      confirm-api: { cpu: 1024, memory: 2048, desiredCount: 2, minCount: 2, maxCount: 100 }
      confirm-worker: { cpu: 1024, memory: 2048, desiredCount: 2, minCount: 2, maxCount: 100 }
    """

    @Test("the seed's mix: public-api gets reads plus enter and hold, confirm-api three calls a purchase, the worker one commit")
    func mixShares() {
        let mix = TrafficMix.seed
        #expect(abs(mix.publicRequests - 0.9) < 1e-9)
        #expect(abs(mix.confirmRequests - 0.5) < 1e-9)
        #expect(abs(mix.commits - 0.1) < 1e-9)
    }

    @Test("tasks are the load over per-task throughput at the CPU target, rounded up, in every region")
    func tasksPerService() throws {
        let stack = try StackLoader.load(yaml: Self.yaml, file: "cap.yaml")
        let throughput = TaskThroughput(perTask: [.publicAPI: 1_000, .confirmAPI: 500, .confirmWorker: 100], source: "t")
        let plan = CapacityPlanner().plan(stack, requestsPerSecond: 100_000, throughput: throughput,
                                          quotas: [AWSRegion("ap-northeast-1")!: 100])
        #expect(plan.regions.map(\.region) == ["ap-northeast-1", "ap-northeast-2"])
        let tokyo = plan.regions[0]
        // 90,000/s ÷ (1,000 × 60 %) = 150; 50,000 ÷ 300 = 166.7 → 167; 10,000 ÷ 60 = 166.7 → 167.
        #expect(tokyo.services.map(\.tasks) == [150, 167, 167])
        #expect(tokyo.vCPU == 484)
        #expect(tokyo.fargateVCPUQuota == 100)
        #expect(tokyo.auroraConnections == 484 * 5)
        #expect(tokyo.sqsMode == "fifo-high-throughput")
        #expect(tokyo.dynamoWritesPerSecond == 20_000)
        // 10,000 purchases × 5 writes ÷ 400 + 25,000 reads ÷ 2,000 = 137.5 ACU.
        #expect(tokyo.auroraACU == 137.5)
        #expect(plan.regions[1].services[0].maxCount == 10)
        #expect(plan.notes.isEmpty || plan.notes.allSatisfy { $0.hasPrefix("cost leaves out") })
    }

    @Test("a small rate stays on plain FIFO, one task each, the smallest Redis node")
    func smallRate() throws {
        let stack = try StackLoader.load(yaml: Self.yaml, file: "cap.yaml")
        let plan = CapacityPlanner().plan(stack, requestsPerSecond: 100, throughput: .defaults(for: stack))
        let tokyo = plan.regions[0]
        #expect(tokyo.services.map(\.tasks) == [1, 1, 1])
        #expect(tokyo.sqsMode == "fifo")
        #expect(tokyo.redisNodeType == "cache.r7g.large")
        #expect(tokyo.fargateVCPUQuota == nil)
        #expect(plan.table().contains("quota (L-3032A538) not read"))
    }

    @Test("plan's warnings name the maxCount line that cannot reach capacity.targetRPS, and the quota")
    func warnings() throws {
        let (stack, source) = try StackLoader.loadMapped(yaml: Self.yaml, file: "cap.yaml")
        let plan = CapacityPlanner().plan(stack, requestsPerSecond: stack.capacity.targetRPS!,
                                          throughput: .defaults(for: stack),
                                          quotas: [AWSRegion("ap-northeast-2")!: 50])
        let warnings = CapacityWarnings.check(plan, stack: stack, source: source)
        // Defaults: 2,000/s per vCPU × 60 % → 75 public-api tasks; Seoul's override caps it at 10.
        #expect(warnings.contains { $0.hasPrefix("cap.yaml:9: warning: regions[1].overrides.services.public-api.maxCount 10 cannot reach") })
        #expect(!warnings.contains { $0.contains("ap-northeast-1") && $0.contains("public-api.maxCount") })
        #expect(warnings.contains { $0.hasPrefix("cap.yaml:18: warning: the services at maxCount need") && $0.contains("ap-northeast-2") })
        #expect(CapacityWarnings.check(plan, stack: stack, source: source, checkTarget: false).count == 1)
    }

    @Test("--output json holds the same figures")
    func json() throws {
        let stack = try StackLoader.load(yaml: Self.yaml, file: "cap.yaml")
        let plan = CapacityPlanner().plan(stack, requestsPerSecond: 5_000, throughput: .defaults(for: stack))
        let decoded = try JSONDecoder().decode(CapacityPlan.self, from: try plan.json())
        #expect(decoded == plan)
    }
}
