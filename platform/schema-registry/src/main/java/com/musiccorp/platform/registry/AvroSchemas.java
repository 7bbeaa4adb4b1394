package com.musiccorp.platform.registry;

import org.apache.avro.Schema;

/**
 * Parses Avro schema text and gives it the identity the registry compares schemas by.
 *
 * <p>Identity is Avro's full normalised JSON ({@link Schema#toString()}), which is also what Confluent
 * compares: whitespace, attribute order and JSON escaping do not matter, but defaults, docs, aliases,
 * logical types and custom properties do. Avro's <em>parsing canonical form</em> would be too coarse
 * for identity: it drops defaults and logical types, so a schema that only adds a default (which
 * changes what readers do) would silently get the id of the schema without it.
 */
final class AvroSchemas {
    static final String AVRO = "AVRO";

    private AvroSchemas() {
    }

    /** A parsed schema with the text it came from and its identity. */
    record Parsed(Schema schema, String text, String canonical) {
    }

    /** Parses schema text the way a registration does: defaults are validated. Throws 42201 when invalid. */
    static Parsed parse(String text) {
        if (text == null || text.isBlank()) throw RegistryException.invalidSchema("Empty schema");
        try {
            Schema schema = new Schema.Parser().setValidateDefaults(true).parse(text);
            return new Parsed(schema, text, schema.toString());
        } catch (RuntimeException e) {
            String detail = String.valueOf(e.getMessage());
            // Avro 1.12 reports an unknown "type" through an internal placeholder's name.
            if (detail.contains("UnresolvedSchema")) detail = "a type is neither a primitive, a complex type nor a defined name";
            throw RegistryException.invalidSchema("Invalid schema: " + detail);
        }
    }

    /** Rejects every schema type but Avro (the only one this registry serves). */
    static void requireAvro(String schemaType) {
        if (schemaType != null && !schemaType.isBlank() && !AVRO.equalsIgnoreCase(schemaType)) {
            throw RegistryException.invalidSchema("Invalid schema type " + schemaType
                    + ": this registry serves AVRO schemas only");
        }
    }
}
