package dev.pyquest.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** An EventBridge event as delivered to a target. {@code id} is EventBridge's and changes per put: never dedupe on it. */
public record BusEvent(String id, String source, @JsonProperty("detail-type") String detailType, String time, JsonNode detail) {}
