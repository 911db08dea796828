package dev.pyquest.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON bodies the gateway itself produces. */
final class Json {
    /** The project's one configuration (dev.pyquest.domain.Json): a repeated key is refused here too. */
    static final ObjectMapper MAPPER = dev.pyquest.domain.Json.MAPPER;
    static final String CONTENT_TYPE = "application/json";

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"code": ..., "message": ...}}, the contract's error body. */
    static String error(String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return write(body);
    }

    static APIGatewayV2HTTPResponse response(int status, String jsonBody) {
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(status);
        r.setHeaders(Map.of("content-type", CONTENT_TYPE));
        r.setBody(jsonBody);
        return r;
    }

    static APIGatewayV2HTTPResponse errorResponse(int status, String code, String message) {
        return response(status, error(code, message));
    }
}
