import AWSClient

/// Who writes an ALB's access logs into its bucket, and the bucket policy that lets it.
///
/// AWS's "Enable access logs for your Application Load Balancer" distinguishes two forms of the
/// bucket policy's principal. Regions available before August 2022 — Tokyo (ap-northeast-1)
/// and Seoul (ap-northeast-2) among them — deliver from a regional Elastic Load Balancing
/// account, which the policy names as `arn:aws:iam::<elb-account>:root`; regions opened since
/// deliver as the service principal `logdelivery.elasticloadbalancing.amazonaws.com`, which the
/// older regions do not document. We use the regional account where AWS lists one (the table
/// below, from that page) and the service principal elsewhere. Either way the grant is
/// `s3:PutObject` on `<bucket>/<prefix>/AWSLogs/<account>/*` only: the load balancer's own
/// account's log path, nothing else in the bucket.
enum AccessLogDelivery {
    /// The regional Elastic Load Balancing accounts of the regions available before August 2022.
    static let regionalAccounts: [String: String] = [
        "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980",
        "us-west-2": "797873946194", "af-south-1": "098369216593", "ap-east-1": "754344448648",
        "ap-south-1": "718504428378", "ap-northeast-1": "582318560864", "ap-northeast-2": "600734575887",
        "ap-northeast-3": "383597477331", "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266",
        "ca-central-1": "985666609251", "eu-central-1": "054676820928", "eu-west-1": "156460612806",
        "eu-west-2": "652711504416", "eu-south-1": "635631232127", "eu-west-3": "009996457667",
        "eu-north-1": "897822967062", "me-south-1": "076674570225", "sa-east-1": "507241528517",
    ]

    static let servicePrincipal = "logdelivery.elasticloadbalancing.amazonaws.com"

    /// The policy's principal in `region`.
    static func principal(in region: String) -> JSONValue {
        if let account = regionalAccounts[region] { return ["AWS": .string("arn:aws:iam::\(account):root")] }
        return ["Service": .string(servicePrincipal)]
    }

    /// Where the load balancer writes: `[<prefix>/]AWSLogs/<account>/`.
    static func logPath(prefix: String?, account: String) -> String {
        (prefix.map { "\($0)/" } ?? "") + "AWSLogs/\(account)/"
    }

    /// The bucket policy: delivery may put objects under the account's log path, nothing else.
    /// (No deny of plain-HTTP requests: the local data plane delivers to the local S3 over HTTP,
    /// and the local S3 enforces bucket policies.)
    static func bucketPolicy(bucket: String, prefix: String?, account: String, region: String) -> JSONValue {
        let delivery: JSONValue = [
            "Sid": "ELBAccessLogDelivery", "Effect": "Allow", "Principal": principal(in: region), "Action": "s3:PutObject",
            "Resource": .string("arn:aws:s3:::\(bucket)/\(logPath(prefix: prefix, account: account))*"),
        ]
        return ["Version": "2012-10-17", "Statement": [delivery]]
    }
}
