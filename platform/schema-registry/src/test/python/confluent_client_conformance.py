#!/usr/bin/python3
"""Conformance of our schema registry with Confluent's own Python client (python3-confluent-kafka).

Usage: /usr/bin/python3 confluent_client_conformance.py http://127.0.0.1:PORT [USER:PASSWORD]

Every check prints "OK <name>"; the first failure raises, so the exit code is non-zero.
Run it against a fresh registry: it changes the global compatibility level.
With USER:PASSWORD (the registry's REGISTRY_USER_INFO) every client sends Confluent's basic.auth.user.info,
and the auth-* checks show a client without it (or with a wrong password) refused every change.
"""
import base64
import json
import sys
import urllib.request
import uuid

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

URL = sys.argv[1].rstrip('/')
USER_INFO = sys.argv[2] if len(sys.argv) > 2 else None
RUN = uuid.uuid4().hex[:8]
CHECKS = []


def check(name):
    def decorator(fn):
        CHECKS.append((name, fn))
        return fn
    return decorator


def client(user_info=None):
    """A fresh client: the client caches ids, and a check must reach the server."""
    user_info = user_info or USER_INFO
    if user_info is None:
        return SchemaRegistryClient({'url': URL})
    return SchemaRegistryClient({'url': URL, 'basic.auth.user.info': user_info})


def anonymous_client():
    return SchemaRegistryClient({'url': URL})


def record(name, *fields):
    return Schema(json.dumps({'type': 'record', 'name': name, 'namespace': 'com.musiccorp.conformance',
                              'fields': list(fields)}), 'AVRO')


def expect_error(status, code, fn, *args, **kwargs):
    try:
        result = fn(*args, **kwargs)
    except SchemaRegistryError as e:
        assert e.http_status_code == status and e.error_code == code, \
            'expected HTTP %d / %d, got HTTP %s / %s: %s' % (status, code, e.http_status_code, e.error_code, e.error_message)
        return e
    raise AssertionError('expected HTTP %d / %d, got a result: %r' % (status, code, result))


def raw(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    headers = {'Content-Type': 'application/vnd.schemaregistry.v1+json', 'Accept': 'application/vnd.schemaregistry.v1+json'}
    if USER_INFO is not None:
        headers['Authorization'] = 'Basic ' + base64.b64encode(USER_INFO.encode()).decode()
    request = urllib.request.Request(URL + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


S = 'conformance-%s-value' % RUN
OTHER = 'conformance-%s-other' % RUN
V1 = record('Track', {'name': 'title', 'type': 'string'})
V2 = record('Track', {'name': 'title', 'type': 'string'}, {'name': 'seconds', 'type': 'int', 'default': 0})
BREAKING = record('Track', {'name': 'title', 'type': 'string'}, {'name': 'isrc', 'type': 'string'})
ids = {}


@check('register')
def register():
    ids['v1'] = client().register_schema(S, V1)
    assert isinstance(ids['v1'], int) and ids['v1'] > 0, ids


if USER_INFO is not None:
    @check('auth-anonymous-register-refused-401')
    def anonymous_register_refused():
        e = expect_error(401, 401, anonymous_client().register_schema, S + '-anonymous', V1)
        assert e.error_message.startswith('Unauthorized'), e.error_message
        assert S + '-anonymous' not in client().get_subjects()

    @check('auth-wrong-password-refused-401')
    def wrong_password_refused():
        user = USER_INFO.split(':')[0]
        expect_error(401, 401, client(user + ':not-the-password').register_schema, S + '-anonymous', V1)

    @check('auth-anonymous-changes-refused-401')
    def anonymous_changes_refused():
        c = anonymous_client()
        expect_error(401, 401, c.delete_subject, S)
        expect_error(401, 401, c.delete_version, S, 1)
        expect_error(401, 401, c.set_compatibility, S, 'NONE')
        expect_error(401, 401, c.set_compatibility, None, 'NONE')
        assert client().get_versions(S) == [1]

    @check('auth-anonymous-reads-allowed')
    def anonymous_reads_allowed():
        c = anonymous_client()
        assert S in c.get_subjects()
        assert c.lookup_schema(S, V1).schema_id == ids['v1']
        assert c.get_compatibility() == 'BACKWARD'


@check('register-same-schema-same-id')
def register_again():
    assert client().register_schema(S, V1) == ids['v1']
    assert client().get_versions(S) == [1]


@check('register-same-schema-other-subject-same-id')
def register_other_subject():
    assert client().register_schema(OTHER, V1) == ids['v1']


@check('register-compatible-new-version')
def register_v2():
    ids['v2'] = client().register_schema(S, V2)
    assert ids['v2'] != ids['v1']
    assert client().get_versions(S) == [1, 2]


@check('register-incompatible-409')
def register_incompatible():
    expect_error(409, 409, client().register_schema, S, BREAKING)


@check('register-invalid-42201')
def register_invalid():
    expect_error(422, 42201, client().register_schema, S, Schema('{"type": "record", "name": "NoFields"}', 'AVRO'))
    expect_error(422, 42201, client().register_schema, S, Schema('not json', 'AVRO'))


@check('register-other-schema-type-42201')
def register_json_schema():
    expect_error(422, 42201, client().register_schema, S, Schema('{"type": "object"}', 'JSON'))


@check('get-schema-by-id')
def get_by_id():
    fetched = client().get_schema(ids['v2'])
    assert json.loads(fetched.schema_str) == json.loads(V2.schema_str)
    assert fetched.schema_type == 'AVRO'


@check('get-schema-by-unknown-id-40403')
def get_unknown_id():
    expect_error(404, 40403, client().get_schema, 987654)


@check('lookup')
def lookup():
    found = client().lookup_schema(S, V1)
    assert (found.schema_id, found.subject, found.version) == (ids['v1'], S, 1), vars(found)


@check('lookup-unknown-subject-40401')
def lookup_unknown_subject():
    expect_error(404, 40401, client().lookup_schema, 'no-such-subject-' + RUN, V1)


@check('lookup-unknown-schema-40403')
def lookup_unknown_schema():
    expect_error(404, 40403, client().lookup_schema, S, BREAKING)


@check('subjects')
def subjects():
    listed = client().get_subjects()
    assert S in listed and OTHER in listed, listed


@check('versions')
def versions():
    c = client()
    assert c.get_versions(S) == [1, 2]
    v1 = c.get_version(S, 1)
    assert (v1.schema_id, v1.version, v1.subject) == (ids['v1'], 1, S)
    latest = c.get_latest_version(S)
    assert (latest.schema_id, latest.version) == (ids['v2'], 2)
    assert json.loads(latest.schema.schema_str) == json.loads(V2.schema_str)


@check('version-not-found-40402')
def version_not_found():
    expect_error(404, 40402, client().get_version, S, 42)


@check('version-invalid-42202')
def version_invalid():
    expect_error(422, 42202, client().get_version, S, 'first')
    expect_error(422, 42202, client().get_version, S, 0)


@check('versions-unknown-subject-40401')
def versions_unknown_subject():
    expect_error(404, 40401, client().get_versions, 'no-such-subject-' + RUN)
    expect_error(404, 40401, client().get_latest_version, 'no-such-subject-' + RUN)


@check('test-compatibility')
def test_compatibility():
    c = client()
    compatible = record('Track', {'name': 'title', 'type': 'string'}, {'name': 'seconds', 'type': 'int', 'default': 0},
                        {'name': 'explicit', 'type': 'boolean', 'default': False})
    assert c.test_compatibility(S, compatible) is True
    assert c.test_compatibility(S, BREAKING) is False
    assert c.test_compatibility(S, BREAKING, version=2) is False
    expect_error(404, 40402, c.test_compatibility, S, V1, version=42)


@check('compatibility-config')
def compatibility_config():
    c = client()
    assert c.get_compatibility() == 'BACKWARD'
    expect_error(404, 40408, c.get_compatibility, S)
    assert c.set_compatibility(S, 'FULL') == {'compatibility': 'FULL'}
    assert c.get_compatibility(S) == 'FULL'
    status, body = raw('GET', '/config/%s?defaultToGlobal=true' % OTHER)
    assert (status, body) == (200, {'compatibilityLevel': 'BACKWARD'}), (status, body)
    assert c.set_compatibility(level='FORWARD') == {'compatibility': 'FORWARD'}
    assert c.get_compatibility() == 'FORWARD'
    assert c.set_compatibility(level='BACKWARD') == {'compatibility': 'BACKWARD'}
    expect_error(422, 42203, c.set_compatibility, S, 'SIDEWAYS')


@check('subject-level-applies')
def subject_level_applies():
    # FULL on S: a new field without default breaks backward and forward; one with a default is fine.
    c = client()
    expect_error(409, 409, c.register_schema, S, record('Track', {'name': 'title', 'type': 'string'},
                                                      {'name': 'seconds', 'type': 'int', 'default': 0},
                                                      {'name': 'label', 'type': 'string'}))
    ids['v3'] = c.register_schema(S, record('Track', {'name': 'title', 'type': 'string'},
                                            {'name': 'seconds', 'type': 'int', 'default': 0},
                                            {'name': 'label', 'type': 'string', 'default': ''}))
    assert c.get_versions(S) == [1, 2, 3]


@check('soft-delete-version')
def soft_delete_version():
    c = client()
    assert c.delete_version(S, 3) == 3
    assert c.get_versions(S) == [1, 2]
    expect_error(404, 40406, c.delete_version, S, 3)
    assert client().get_schema(ids['v3']) is not None  # ids stay readable for old data


@check('hard-delete-version-needs-soft-first-40407')
def hard_delete_version_before_soft():
    status, body = raw('DELETE', '/subjects/%s/versions/2?permanent=true' % S)
    assert (status, body['error_code']) == (404, 40407), (status, body)
    status, body = raw('DELETE', '/subjects/%s/versions/3?permanent=true' % S)
    assert (status, body) == (200, 3), (status, body)
    expect_error(404, 40402, client().get_version, S, 3)


@check('hard-delete-subject-needs-soft-first-40405')
def hard_delete_subject_before_soft():
    status, body = raw('DELETE', '/subjects/%s?permanent=true' % S)
    assert (status, body['error_code']) == (404, 40405), (status, body)


@check('soft-delete-subject')
def soft_delete_subject():
    c = client()
    assert c.delete_subject(S) == [1, 2]
    assert S not in c.get_subjects()
    expect_error(404, 40401, c.get_versions, S)
    expect_error(404, 40404, c.delete_subject, S)
    expect_error(404, 40408, c.get_compatibility, S)  # a soft delete drops the subject's level, as in Confluent
    status, body = raw('GET', '/subjects?deleted=true')
    assert status == 200 and S in body, body


@check('hard-delete-subject')
def hard_delete_subject():
    c = client()
    status, body = raw('DELETE', '/subjects/%s?permanent=true' % S)
    assert (status, body) == (200, [1, 2]), (status, body)
    expect_error(404, 40401, c.delete_subject, S)
    status, body = raw('GET', '/subjects?deleted=true')
    assert S not in body, body
    assert c.get_schema(ids['v1']) is not None  # still used by OTHER


@check('client-permanent-delete')
def client_permanent_delete():
    c = client()
    assert c.delete_subject(OTHER, permanent=True) == [1]
    expect_error(404, 40401, c.get_versions, OTHER)
    expect_error(404, 40403, client().get_schema, ids['v1'])


@check('ids-are-not-reused')
def ids_not_reused():
    fresh = client().register_schema('conformance-%s-fresh' % RUN, record('Fresh', {'name': 'a', 'type': 'long'}))
    assert fresh > max(ids.values()), (fresh, ids)


@check('reregister-after-hard-delete')
def reregister():
    c = client()
    new_id = c.register_schema(S, V1)
    assert c.get_versions(S) == [1]
    assert json.loads(client().get_schema(new_id).schema_str) == json.loads(V1.schema_str)


def main():
    for name, fn in CHECKS:
        try:
            fn()
        except Exception as e:
            print('FAIL %s: %s: %s' % (name, type(e).__name__, e), flush=True)
            raise
        print('OK %s' % name, flush=True)
    print('PASSED %d checks' % len(CHECKS), flush=True)


if __name__ == '__main__':
    main()
