package dev.pyquest.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** A Lambda handler as the gateway sees it: one payload-2.0 event in, one response out. */
@FunctionalInterface
public interface HttpFunction {
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event);
}
