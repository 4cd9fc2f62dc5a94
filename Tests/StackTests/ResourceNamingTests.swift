import Testing
@testable import Stack

@Suite struct ResourceNamingTests {
    @Test func regionShortNames() throws {
        let expected = ["ap-northeast-1": "apne1", "ap-northeast-2": "apne2", "us-east-1": "use1",
                        "eu-central-2": "euc2", "ap-southeast-5": "apse5", "sa-east-1": "sae1",
                        "eu-north-1": "eun1", "us-west-2": "usw2", "il-central-1": "ilc1"]
        for (name, short) in expected {
            #expect(try #require(AWSRegion(name)).shortName == short)
        }
        let shorts = AWSRegion.knownNames.compactMap(AWSRegion.init).map(\.shortName)
        #expect(Set(shorts).count == AWSRegion.knownNames.count, "short names must be unique")
        #expect(AWSRegion("ap-northeast-9") == nil)
    }

    @Test func namesFollowStackRegionRole() {
        let namer = ResourceNamer(stack: "max-tps", region: .apNortheast1)
        #expect(namer.name("public-api") == "max-tps-apne1-public-api")
        #expect(namer.name("public-api", limit: .targetGroup) == "max-tps-apne1-public-api")
        #expect(namer.fifoQueueName("commit") == "max-tps-apne1-commit.fifo")
        #expect(namer.repositoryName(.confirmWorker) == "max-tps/confirm-worker")
        #expect(namer.logGroupName(.publicAPI) == "/tps/max-tps/apne1/public-api")
        #expect(ResourceNamer.globalName(stack: "max-tps", role: "task-execution", limit: .iamRole)
                == "max-tps-task-execution")
    }

    @Test func longNamesAreCutToTheLimitWithAStableHash() {
        let namer = ResourceNamer(stack: "a-twenty-char-stack1", region: .apNortheast2)
        let full = "a-twenty-char-stack1-apne2-confirm-api"
        let publicName = namer.name("public-api", limit: .targetGroup)
        let confirmName = namer.name("confirm-api", limit: .targetGroup)
        #expect(full.count > 32)
        #expect(confirmName.count <= 32 && publicName.count <= 32)
        #expect(confirmName == "a-twenty-char-stack1-ap-18634649")
        #expect(confirmName != publicName, "distinct roles must stay distinct after shortening")
        #expect(confirmName == namer.name("confirm-api", limit: .targetGroup), "shortening must be deterministic")
        #expect(confirmName.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        #expect(!confirmName.contains("--"))
        // The suffix is the first 8 hex digits of SHA-256 of the full name (computed independently).
        #expect(ResourceNamer.fit(full, limit: .targetGroup) == confirmName)
        #expect(ResourceNamer.fit("abcdefghij", limit: NameLimit(maxLength: 10)) == "abcdefghij")
        #expect(ResourceNamer.fit("abcdefghijk", limit: NameLimit(maxLength: 10)).count == 10)
    }

    @Test func shortenedNamesDoNotEndInHyphens() {
        // The cut falls right after a hyphen: it is dropped rather than doubled.
        let name = ResourceNamer.fit("abcdefghijklmnopqrstuv-wxyz-1234567890", limit: .targetGroup)
        #expect(name.count <= 32)
        #expect(!name.contains("--"))
        #expect(name.hasPrefix("abcdefghijklmnopqrstuv-"))
    }

    @Test func fifoQueueNamesKeepTheirSuffixWithinEightyCharacters() {
        let namer = ResourceNamer(stack: "max-tps", region: .apNortheast1)
        let name = namer.fifoQueueName(String(repeating: "commit-", count: 12))
        #expect(name.count <= 80)
        #expect(name.hasSuffix(".fifo"))
    }
}
