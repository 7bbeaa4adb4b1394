#!/usr/bin/python3
"""Restart durability, judged by Confluent's own Python client (python3-confluent-kafka).

Usage: confluent_client_restart.py before URL STATE_FILE   registers schemas, writes what it saw
       confluent_client_restart.py after  URL STATE_FILE   (against a restarted registry on the same
                                                           Kafka) reads everything back, by id and version
Prints "OK <check>" per check; any difference raises, so the exit code is non-zero.
"""
import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient

MODE, URL, STATE = sys.argv[1], sys.argv[2].rstrip('/'), sys.argv[3]
SUBJECT = 'com.musiccorp.restart.Track'


def schema(*fields):
    return Schema(json.dumps({'type': 'record', 'name': 'Track', 'namespace': 'com.musiccorp.restart',
                              'fields': [{'name': 'sku', 'type': 'string'}] + list(fields)}), 'AVRO')


def before():
    c = SchemaRegistryClient({'url': URL})
    c.set_compatibility(SUBJECT, 'FULL')
    v1 = c.register_schema(SUBJECT, schema())
    v2 = c.register_schema(SUBJECT, schema({'name': 'title', 'type': 'string', 'default': ''}))
    v3 = c.register_schema(SUBJECT, schema({'name': 'title', 'type': 'string', 'default': ''},
                                           {'name': 'artist', 'type': 'string', 'default': ''}))
    c.delete_version(SUBJECT, 3)  # soft-deleted: must stay deleted after the restart
    with open(STATE, 'w') as f:
        json.dump({'ids': [v1, v2, v3]}, f)
    print('OK registered-before-restart')


def after():
    c = SchemaRegistryClient({'url': URL})
    ids = json.load(open(STATE))['ids']
    assert c.get_versions(SUBJECT) == [1, 2], c.get_versions(SUBJECT)
    print('OK versions-survive')
    for version, schema_id in ((1, ids[0]), (2, ids[1])):
        registered = c.get_version(SUBJECT, version)
        assert registered.schema_id == schema_id, (version, registered.schema_id, schema_id)
        assert c.get_schema(schema_id).schema_str == registered.schema.schema_str
    print('OK same-ids-by-version-and-id')
    assert c.get_compatibility(SUBJECT) == 'FULL', c.get_compatibility(SUBJECT)
    print('OK subject-level-survives')
    again = c.register_schema(SUBJECT, schema({'name': 'title', 'type': 'string', 'default': ''}))
    assert again == ids[1], (again, ids[1])
    print('OK re-register-returns-same-id')


{'before': before, 'after': after}[MODE]()
