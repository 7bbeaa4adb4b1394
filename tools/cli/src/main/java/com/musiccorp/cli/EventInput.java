package com.musiccorp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the events to publish: one JSON object, an array of them, or one object per line. */
final class EventInput {
    private EventInput() {
    }

    static List<JsonNode> parse(String text) {
        List<JsonNode> values = new ArrayList<>();
        try (MappingIterator<JsonNode> it = Json.MAPPER.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) values.add(it.nextValue());
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw CliException.invalid("input is not JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CliException.invalid("cannot read input: " + e.getMessage());
        }
        if (values.size() == 1 && values.getFirst().isArray()) {
            JsonNode array = values.getFirst();
            values = new ArrayList<>();
            array.forEach(values::add);
        }
        if (values.isEmpty()) throw CliException.invalid("input holds no events");
        return values;
    }
}
