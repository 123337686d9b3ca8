"""The CloudAtlas vocabulary as rdflib namespaces.

:class:`CA` holds every class and property of ``ontology/cloudatlas.ttl``, one
typed member per term; an unknown term is an error, not a silent new IRI.
The other namespaces name the things in notes (:data:`CID`), the note lines
(:data:`CNOTE`), reified statements (:data:`STMT`) and QUDT units
(:data:`UNIT`).

Examples
--------
>>> CA.DatabaseService
rdflib.term.URIRef('https://w3id.org/cloudatlas/ontology#DatabaseService')
>>> CID["dynamodb"]
rdflib.term.URIRef('https://w3id.org/cloudatlas/id/dynamodb')
>>> CA.noSuchTerm
Traceback (most recent call last):
...
AttributeError: term 'noSuchTerm' not in namespace 'https://w3id.org/cloudatlas/ontology#'
"""

from __future__ import annotations

import rdflib.namespace
from rdflib.namespace import PROV, Namespace
from rdflib.term import URIRef

__all__ = [
    "CA",
    "CID",
    "CNOTE",
    "STMT",
    "UNIT",
    "PROV",
    "ONTOLOGY_IRI",
    "PROVENANCE_GRAPH",
    "DERIVED_GRAPH",
]


class CA(rdflib.namespace.DefinedNamespace):
    """CloudAtlas ontology: cloud services, engines, features, limits and the notes they come from."""

    _fail = True
    _NS = Namespace("https://w3id.org/cloudatlas/ontology#")

    # http://www.w3.org/2002/07/owl#Class
    Service: URIRef  # A managed cloud service, such as RDS, DynamoDB or EMR.
    DatabaseService: URIRef  # A relational or NoSQL database service (RDS, Aurora, DynamoDB).
    DataWarehouse: URIRef  # An analytics data warehouse service (Redshift).
    CacheService: URIRef  # A caching layer that can sit in front of other services (ElastiCache, DAX, CloudFront).
    MigrationService: URIRef  # A service that moves data between stores (DMS, Schema Conversion Tool).
    AnalyticsService: URIRef  # A data processing service (EMR).
    NetworkingService: URIRef  # A service that delivers or routes network traffic (CloudFront, VPC).
    StorageService: URIRef  # A service that stores objects, files or blocks (S3, EBS).
    ComputeService: URIRef  # A service that runs code or virtual machines (EC2, Lambda).
    SecurityService: URIRef  # A service for identity, keys, encryption or auditing (IAM, KMS).
    IntegrationService: URIRef  # A service that connects applications through messages or streams (SQS, SNS).
    Engine: URIRef  # Software a service runs or is compatible with (MySQL, Redis, Spark).
    Feature: URIRef  # A capability shared by the services that have it (Multi-AZ, Read Replicas).
    Limit: URIRef  # A quantitative bound of one service on one quantity.
    Concept: URIRef  # Any other term worth a node (OLTP, Availability Zone).
    Note: URIRef  # One line of a notes file.
    Rule: URIRef  # A named rule that computed a relation.

    # http://www.w3.org/2002/07/owl#ObjectProperty
    hasFeature: URIRef  # The service offers the feature.
    hasLimit: URIRef  # The service is bounded by the limit.
    supportsEngine: URIRef  # The service runs that engine or framework.
    compatibleWith: URIRef  # The service is wire-compatible with the engine.
    caches: URIRef  # The cache service sits in front of that service, as noted.
    migrationSource: URIRef  # A service or engine the migration service can migrate from.
    migrationTarget: URIRef  # A service or engine the migration service can migrate to.
    notAvailableFor: URIRef  # Negated note: the feature or service is NOT available for that service or engine.
    mentions: URIRef  # A note about the subject mentions that concept.
    limitOf: URIRef  # What the limit bounds: a feature or concept.
    forEngine: URIRef  # The engine a limit holds for, when the service's limit differs by engine.
    unit: URIRef  # The QUDT unit of the limit's values.
    inferredSubject: URIRef  # The subject inferred for a note block whose heading was lost.
    derivedBy: URIRef  # The rule that computed a reified relation.
    canMigrateTo: URIRef  # Computed: the source can be moved to the target through a migration service.
    cachingLayer: URIRef  # Computed: the cache service can front that service.

    # http://www.w3.org/2002/07/owl#DatatypeProperty
    minValue: URIRef  # The lower bound of a limit (xsd:decimal).
    maxValue: URIRef  # The upper bound of a limit (xsd:decimal).
    sourceFile: URIRef  # The notes file of a note, relative to the folder given.
    line: URIRef  # The 1-based line number of a note (xsd:integer).
    text: URIRef  # The line as written.
    inferredBy: URIRef  # How the inferred subject of a note was found.
    layer: URIRef  # The tier a cache works at: edge, api or in-memory.


#: Things named in notes: services, engines, features, limits.
CID = Namespace("https://w3id.org/cloudatlas/id/")
#: Source lines of notes, ``cnote:<file>-L<line>``.
CNOTE = Namespace("https://w3id.org/cloudatlas/note/")
#: Reified statements, ``<first 16 hex digits of sha1("s p o")>``.
STMT = Namespace("https://w3id.org/cloudatlas/statement/")
#: QUDT units of measure.
UNIT = Namespace("http://qudt.org/vocab/unit/")

#: The ontology itself.
ONTOLOGY_IRI = URIRef("https://w3id.org/cloudatlas/ontology")
#: Named graph of reified noted statements, each ``prov:wasDerivedFrom`` a note.
PROVENANCE_GRAPH = URIRef("https://w3id.org/cloudatlas/graph/provenance")
#: Named graph of computed relations, each ``ca:derivedBy`` a rule.
DERIVED_GRAPH = URIRef("https://w3id.org/cloudatlas/graph/derived")
