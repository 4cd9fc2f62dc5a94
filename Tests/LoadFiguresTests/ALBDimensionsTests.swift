import LoadFigures
import Testing

@Suite("ALB dimension values from recorded ARNs")
struct ALBDimensionsTests {
    @Test("a load balancer ARN gives app/<name>/<id>, a target group ARN targetgroup/<name>/<id>")
    func tails() throws {
        #expect(try ALBDimensions.loadBalancer(
            fromARN: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/max-tps-apne1/50dc6c495c0c9188")
            == "app/max-tps-apne1/50dc6c495c0c9188")
        #expect(try ALBDimensions.targetGroup(
            fromARN: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/max-tps-apne1-public/73e2d6bc24d8a067")
            == "targetgroup/max-tps-apne1-public/73e2d6bc24d8a067")
    }

    @Test("an ARN of another kind or shape is refused, naming it",
          arguments: [
              "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/tg/1",
              "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/net/nlb/1",
              "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/only-name",
              "app/max-tps/1",
          ])
    func refusedLoadBalancers(arn: String) {
        #expect(throws: FigureInputError.self) { try ALBDimensions.loadBalancer(fromARN: arn) }
        do {
            _ = try ALBDimensions.loadBalancer(fromARN: arn)
        } catch {
            #expect(error.description.contains("'\(arn)' is not an ELBv2 load balancer ARN"))
        }
    }

    @Test("a target group ARN without <name>/<id> is refused")
    func refusedTargetGroups() {
        for arn in ["arn:aws:elasticloadbalancing:ap-northeast-1:1:loadbalancer/app/a/1",
                    "arn:aws:elasticloadbalancing:ap-northeast-1:1:targetgroup/tg", "arn:aws:elasticloadbalancing:r:1:targetgroup//1"] {
            #expect(throws: FigureInputError.self, "\(arn)") { try ALBDimensions.targetGroup(fromARN: arn) }
        }
    }
}
