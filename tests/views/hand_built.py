"""The small hand-built store the selection, drawing and layout tests share (``store`` and ``g`` in conftest)."""

from __future__ import annotations

CID = "https://w3id.org/cloudatlas/id/"

TRIG = """
cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; skos:altLabel "Relational Database Service", "Amazon RDS" ;
    ca:hasFeature cid:read-replicas, cid:multi-az ; ca:supportsEngine cid:mysql ; ca:hasLimit cid:rds-rr ;
    prov:wasDerivedFrom cnote:a.md-L1 .
cid:aurora a ca:DatabaseService ; rdfs:label "Aurora" ; ca:hasFeature cid:read-replicas ; ca:compatibleWith cid:mysql .
cid:read-replicas a ca:Feature ; rdfs:label "Read Replicas" ; skos:altLabel "RR" .
cid:multi-az a ca:Feature ; rdfs:label "Multi-AZ" .
cid:mysql a ca:Engine ; rdfs:label "MySQL" .
cid:rds-rr a ca:Limit ; rdfs:label "RDS read replicas ≤ 5" ; ca:limitOf cid:read-replicas ;
    ca:maxValue 5 ; ca:unit unit:NUM ; prov:wasDerivedFrom cnote:a.md-L2 .
cid:dax a ca:CacheService ; rdfs:label "DAX" ; skos:altLabel "DynamoDB Accelerator" ; ca:caches cid:dynamodb .
cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" .
cnote:a.md-L1 a ca:Note ; ca:sourceFile "a.md" ; ca:line 1 ; ca:text "# RDS" .
cnote:a.md-L2 a ca:Note ; ca:sourceFile "a.md" ; ca:line 2 ; ca:text "- up to 5 read replicas" .
<https://w3id.org/cloudatlas/graph/derived> {
  cid:dax ca:cachingLayer cid:dynamodb .
}
"""


def iri(name: str) -> str:
    return CID + name


GROUPS = [[iri(n) for n in ("rds", "read-replicas", "multi-az", "rds-rr")], [iri("aurora"), iri("mysql")]]
GROUPS += [[iri("dax"), iri("dynamodb")]]
