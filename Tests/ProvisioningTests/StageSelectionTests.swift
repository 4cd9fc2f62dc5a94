import Provisioning
import Testing

@Suite struct StageSelectionTests {
    @Test func allStagesByDefault() throws {
        #expect(try StageSelection().stages == Stage.allCases)
    }

    @Test func oneStageAcceptsNumberOrSlug() throws {
        #expect(try StageSelection(stage: "03").stages == [.dataplane])
        #expect(try StageSelection(stage: "3").stages == [.dataplane])
        #expect(try StageSelection(stage: "08-db-init").stages == [.dbInit])
        #expect(try StageSelection(stage: "cluster").stages == [.cluster])
    }

    @Test func rangesAreInclusive() throws {
        #expect(try StageSelection(to: "03").stages == [.network, .ecr, .cluster, .dataplane])
        #expect(try StageSelection(from: "06").stages == [.autoscaling, .cloudfront, .dbInit])
        #expect(try StageSelection(from: "02", to: "04").stages == [.cluster, .dataplane, .taskdefs])
        #expect(try StageSelection(from: "05", to: "05").stages == [.services])
    }

    @Test func rejectsUnknownStagesNamingTheFlag() {
        #expect(throws: StageSelectionError.unknownStage(flag: "--stage", value: "09")) { try StageSelection(stage: "09") }
        #expect(throws: StageSelectionError.unknownStage(flag: "--to", value: "x")) { try StageSelection(to: "x") }
        let message = StageSelectionError.unknownStage(flag: "--from", value: "42").description
        #expect(message.hasPrefix("--from: '42' is not a stage"))
        #expect(message.contains("00-network") && message.contains("08-db-init"))
    }

    @Test func rejectsContradictions() {
        #expect(throws: StageSelectionError.exclusive) { try StageSelection(stage: "01", to: "03") }
        #expect(throws: StageSelectionError.emptyRange(from: .services, to: .ecr)) { try StageSelection(from: "05", to: "01") }
    }

    @Test func slugsAndNames() {
        #expect(Stage.allCases.map(\.slug) == [
            "00-network", "01-ecr", "02-cluster", "03-dataplane", "04-taskdefs", "05-services", "06-autoscaling",
            "07-cloudfront", "08-db-init",
        ])
        #expect(RegionName("ap-northeast-1").short == "apne1")
        #expect(RegionName("us-west-2").short == "usw2")
        #expect(ResourceNaming.name(stack: "max-tps", region: "ap-northeast-2", role: "commit") == "max-tps-apne2-commit")
    }
}
