"""ACM DNS validation as AWS does it: a public certificate requested with ValidationMethod DNS
stays PENDING_VALIDATION until each of its names' validation CNAME (the ResourceRecord that
DescribeCertificate shows) exists, with that value, in a Route 53 hosted zone of the account;
then the next read finds it ISSUED. moto instead issues every certificate once
MOTO_ACM_VALIDATION_WAIT seconds (60) have passed, whatever the DNS holds, so `tpsctl up` could
not be tested for writing the records, nor for waiting while they are missing.

The record name and value are moto's (a fixed token per name, as ACM reuses one per account and
name). Imported and private certificates are unchanged.
"""

from __future__ import annotations

from moto.acm.models import CertBundle
from moto.route53.models import route53_backends

def _absolute(name: str) -> str:
    return name.rstrip(".").lower() + "."


def validation_records(bundle: CertBundle) -> list[tuple[str, str]]:
    """(name, value) of the CNAME each of the certificate's names needs, as DescribeCertificate shows them."""
    options = bundle.describe()["Certificate"].get("DomainValidationOptions", [])
    return [(option["ResourceRecord"]["Name"], option["ResourceRecord"]["Value"]) for option in options]


def _published(account_id: str, name: str, value: str) -> bool:
    for partition in route53_backends[account_id].values():
        for zone in partition.zones.values():
            for record in zone.rrsets:
                if record.type == "CNAME" and _absolute(record.name) == _absolute(name) \
                        and any(_absolute(str(v)) == _absolute(value) for v in record.records):
                    return True
    return False


def is_validated(bundle: CertBundle) -> bool:
    account_id = bundle.arn.split(":")[4]
    return all(_published(account_id, name, value) for name, value in validation_records(bundle))


def install() -> None:
    original = CertBundle.check

    def check(self: CertBundle) -> None:
        if self.type == "AMAZON_ISSUED" and self.status == "PENDING_VALIDATION":
            if is_validated(self):
                self.status = "ISSUED"
            return
        original(self)

    CertBundle.check = check
