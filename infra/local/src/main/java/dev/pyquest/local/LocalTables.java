package dev.pyquest.local;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the template's DynamoDB tables in DynamoDB Local. Locally a table is named after its
 * logical id (in AWS, CloudFormation names it and the functions get the name through !Ref).
 */
public final class LocalTables {
    private LocalTables() {}

    public static List<String> create(Template template, DynamoDbClient dynamo) {
        Set<String> existing = new HashSet<>(dynamo.listTablesPaginator().tableNames().stream().toList());
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, JsonNode> t : template.resources("AWS::DynamoDB::Table").entrySet()) {
            if (existing.contains(t.getKey())) continue;
            dynamo.createTable(request(t.getKey(), t.getValue().path("Properties")));
            created.add(t.getKey());
        }
        return created;
    }

    static CreateTableRequest request(String name, JsonNode p) {
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
        List<AttributeDefinition> attrs = new ArrayList<>();
        p.path("AttributeDefinitions").forEach(a -> attrs.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()));
        b.attributeDefinitions(attrs).keySchema(keys(p.path("KeySchema")));
        List<LocalSecondaryIndex> lsis = new ArrayList<>();
        p.path("LocalSecondaryIndexes").forEach(i -> lsis.add(LocalSecondaryIndex.builder()
                .indexName(i.path("IndexName").asText()).keySchema(keys(i.path("KeySchema")))
                .projection(projection(i.path("Projection"))).build()));
        if (!lsis.isEmpty()) b.localSecondaryIndexes(lsis);
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        p.path("GlobalSecondaryIndexes").forEach(i -> gsis.add(GlobalSecondaryIndex.builder()
                .indexName(i.path("IndexName").asText()).keySchema(keys(i.path("KeySchema")))
                .projection(projection(i.path("Projection"))).build()));
        if (!gsis.isEmpty()) b.globalSecondaryIndexes(gsis);
        if (p.has("StreamSpecification")) {
            b.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(p.path("StreamSpecification").path("StreamViewType").asText()).build());
        }
        return b.build();
    }

    private static List<KeySchemaElement> keys(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build()));
        return keys;
    }

    private static Projection projection(JsonNode p) {
        Projection.Builder b = Projection.builder().projectionType(p.path("ProjectionType").asText("ALL"));
        if (p.has("NonKeyAttributes")) {
            List<String> attrs = new ArrayList<>();
            p.path("NonKeyAttributes").forEach(a -> attrs.add(a.asText()));
            b.nonKeyAttributes(attrs);
        }
        return b.build();
    }
}
