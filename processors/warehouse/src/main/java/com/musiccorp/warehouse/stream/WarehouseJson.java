package com.musiccorp.warehouse.stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.EventFields;
import com.musiccorp.warehouse.domain.DispatchResult;
import com.musiccorp.warehouse.domain.LineAnswer;
import com.musiccorp.warehouse.domain.LineRequest;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.SkuStock;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;

import java.io.IOException;

/**
 * Teaches {@link JsonSerde}'s mapper the warehouse's private state without touching the domain:
 * <ul>
 *   <li>type ids ({@code "type"}) for the sealed interfaces that stores and internal topics hold
 *       polymorphically: {@link OrderFulfilment.Stage}, {@link LineAnswer}, {@link LineRequest},
 *       {@link DispatchResult}, via mix-ins;</li>
 *   <li>Avro records kept inside the state (the {@code OrderPlaced} every stage keeps, a
 *       {@code StockShortfall}, a receipt): written in Avro's own binary single-object encoding,
 *       so their logical types (instants, UUIDs) and unions round-trip exactly.
 *       {@link EventMetadata} keeps {@link JsonSerde}'s plain six-field form.</li>
 * </ul>
 * Call {@link #install()} before the first serde use; it is idempotent.
 */
public final class WarehouseJson {

    private static boolean installed;

    private WarehouseJson() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        SimpleModule module = new SimpleModule("warehouse-state") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addSerializers(new AvroSerializers());
                context.addDeserializers(new AvroDeserializers());
            }
        };
        module.setMixInAnnotation(OrderFulfilment.Stage.class, StageMixIn.class);
        module.setMixInAnnotation(LineAnswer.class, LineAnswerMixIn.class);
        module.setMixInAnnotation(LineRequest.class, LineRequestMixIn.class);
        module.setMixInAnnotation(DispatchResult.class, DispatchResultMixIn.class);
        module.setMixInAnnotation(SkuStock.class, SkuStockMixIn.class);
        JsonSerde.registerModule(module);
        installed = true;
    }

    /** A serde for one of the warehouse's JSON types, with the mix-ins installed. */
    public static <T> JsonSerde<T> serde(Class<T> type) {
        install();
        return new JsonSerde<>(type);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = OrderFulfilment.New.class, name = "New"),
            @JsonSubTypes.Type(value = OrderFulfilment.AwaitingLines.class, name = "AwaitingLines"),
            @JsonSubTypes.Type(value = OrderFulfilment.Reserved.class, name = "Reserved"),
            @JsonSubTypes.Type(value = OrderFulfilment.Insufficient.class, name = "Insufficient"),
            @JsonSubTypes.Type(value = OrderFulfilment.Packing.class, name = "Packing"),
            @JsonSubTypes.Type(value = OrderFulfilment.Packed.class, name = "Packed"),
            @JsonSubTypes.Type(value = OrderFulfilment.DelayedDispatch.class, name = "DelayedDispatch"),
            @JsonSubTypes.Type(value = OrderFulfilment.FailedDispatch.class, name = "FailedDispatch"),
            @JsonSubTypes.Type(value = OrderFulfilment.Dispatched.class, name = "Dispatched"),
            @JsonSubTypes.Type(value = OrderFulfilment.Released.class, name = "Released")})
    private interface StageMixIn {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = LineAnswer.LineReserved.class, name = "LineReserved"),
            @JsonSubTypes.Type(value = LineAnswer.LineShort.class, name = "LineShort"),
            @JsonSubTypes.Type(value = LineAnswer.LinePicked.class, name = "LinePicked"),
            @JsonSubTypes.Type(value = LineAnswer.LineMissing.class, name = "LineMissing")})
    private interface LineAnswerMixIn {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = LineRequest.ReserveLine.class, name = "ReserveLine"),
            @JsonSubTypes.Type(value = LineRequest.PickLine.class, name = "PickLine"),
            @JsonSubTypes.Type(value = LineRequest.PackLine.class, name = "PackLine"),
            @JsonSubTypes.Type(value = LineRequest.ReleaseLine.class, name = "ReleaseLine"),
            @JsonSubTypes.Type(value = LineRequest.ShipLine.class, name = "ShipLine")})
    private interface LineRequestMixIn {
    }

    /** Stock written before receipts were counted by id kept a list of input ids: read past it. */
    @JsonIgnoreProperties({"recentInputs"})
    private interface SkuStockMixIn {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = DispatchResult.Booked.class, name = "Booked"),
            @JsonSubTypes.Type(value = DispatchResult.NoCapacity.class, name = "NoCapacity")})
    private interface DispatchResultMixIn {
    }


    private static boolean isAvroRecord(Class<?> type) {
        return SpecificRecordBase.class.isAssignableFrom(type) && type != EventMetadata.class;
    }

    private static final class AvroSerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
            return isAvroRecord(type.getRawClass()) ? new AvroWriter() : null;
        }
    }

    private static final class AvroDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                BeanDescription beanDesc) {
            Class<?> raw = type.getRawClass();
            return isAvroRecord(raw) ? new AvroReader<>(raw.asSubclass(SpecificRecordBase.class)) : null;
        }
    }

    /**
     * Avro's single-object encoding (its schema's fingerprint, then the binary record), written as a
     * binary value: a tenth of the cost of Avro's JSON encoding, and a record written under another
     * schema is refused by its fingerprint rather than misread.
     */
    private static final class AvroWriter extends JsonSerializer<SpecificRecordBase> {
        @Override
        public void serialize(SpecificRecordBase value, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            out.writeBinary(EventFields.encode(value));
        }
    }

    /** Reads the binary form, or Avro's JSON encoding of the record, which earlier versions stored. */
    private static final class AvroReader<T extends SpecificRecordBase> extends JsonDeserializer<T> {
        private final Class<T> type;

        AvroReader(Class<T> type) {
            this.type = type;
        }

        @Override
        public T deserialize(JsonParser in, DeserializationContext context) throws IOException {
            if (in.currentToken() != JsonToken.START_OBJECT) {
                return EventFields.decode(type, in.getBinaryValue());
            }
            JsonNode tree = in.readValueAsTree();
            SpecificData data = SpecificData.getForClass(type);
            org.apache.avro.Schema schema = data.getSchema(type);
            SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema, schema, data);
            return reader.read(null, DecoderFactory.get().jsonDecoder(schema, tree.toString()));
        }
    }
}
