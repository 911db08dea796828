package dev.pyquest.shared.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A DynamoDB client for unit tests of handlers and repositories: it records every request it is
 * given (built, when the caller passed a builder lambda) and answers success; reads answer what
 * {@code items} says (by default: no item, an empty page). Any other call fails loudly, so a test
 * notices a handler reaching for something it did not expect.
 */
public final class RecordingDynamo {
    public final List<Object> requests = new CopyOnWriteArrayList<>();
    private final Function<GetItemRequest, Map<String, AttributeValue>> items;
    private final Function<QueryRequest, List<Map<String, AttributeValue>>> pages;

    public RecordingDynamo() {
        this(r -> null);
    }

    /** {@code items}: the item a GetItem finds (null for none). */
    public RecordingDynamo(Function<GetItemRequest, Map<String, AttributeValue>> items) {
        this(items, q -> List.of());
    }

    /** {@code pages}: the items a Query finds (one page). */
    public RecordingDynamo(Function<GetItemRequest, Map<String, AttributeValue>> items,
                           Function<QueryRequest, List<Map<String, AttributeValue>>> pages) {
        this.items = items;
        this.pages = pages;
    }

    public DynamoDbClient client() {
        return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                (proxy, method, args) -> {
                    Object arg = args == null ? null : args[0];
                    switch (method.getName()) {
                        case "transactWriteItems" -> {
                            requests.add(built(TransactWriteItemsRequest.builder(), arg));
                            return TransactWriteItemsResponse.builder().build();
                        }
                        case "putItem" -> {
                            requests.add(built(PutItemRequest.builder(), arg));
                            return PutItemResponse.builder().build();
                        }
                        case "updateItem" -> {
                            requests.add(built(UpdateItemRequest.builder(), arg));
                            return UpdateItemResponse.builder().build();
                        }
                        case "getItem" -> {
                            GetItemRequest r = (GetItemRequest) built(GetItemRequest.builder(), arg);
                            requests.add(r);
                            Map<String, AttributeValue> item = items.apply(r);
                            return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
                        }
                        case "query" -> {
                            QueryRequest q = (QueryRequest) built(QueryRequest.builder(), arg);
                            requests.add(q);
                            List<Map<String, AttributeValue>> page = pages.apply(q);
                            return QueryResponse.builder().items(page).count(page.size()).build();
                        }
                        // The SDK's paginator, as the real client has it: pages of query() through this proxy.
                        case "queryPaginator" -> {
                            return new software.amazon.awssdk.services.dynamodb.paginators.QueryIterable((DynamoDbClient) proxy,
                                    (QueryRequest) built(QueryRequest.builder(), arg));
                        }
                        case "serviceName" -> { return "dynamodb"; }
                        case "close" -> { return null; }
                        default -> throw new UnsupportedOperationException("RecordingDynamo does not answer " + method.getName());
                    }
                });
    }

    /** The requests of one type, in order. */
    public <T> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object r : requests) if (type.isInstance(r)) out.add(type.cast(r));
        return out;
    }

    /** Every item the recorded transactions write, in order. */
    public List<TransactWriteItem> transactItems() {
        List<TransactWriteItem> out = new ArrayList<>();
        for (TransactWriteItemsRequest r : of(TransactWriteItemsRequest.class)) out.addAll(r.transactItems());
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object built(Object builder, Object arg) {
        if (!(arg instanceof Consumer c)) return arg;
        c.accept(builder);
        return ((SdkBuilder) builder).build();
    }
}
