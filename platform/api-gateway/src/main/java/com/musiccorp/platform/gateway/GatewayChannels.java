package com.musiccorp.platform.gateway;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.json.JsonMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds to every client connection, right after Netty's HTTP codec, what Micronaut's own pipeline does
 * not do for a proxied answer: {@link HttpVersionGuard}, and Netty's keep-alive handler, which closes
 * the connection right after the answer to a {@code Connection: close} (or HTTP/1.0) request. Without
 * it a streamed answer from an owner left the connection open until the client gave up.
 */
@Singleton
@Requires(property = ApiGatewayServer.ENABLED, value = "true")
final class GatewayChannels implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final String VERSION_GUARD = "musiccorp-http-version";

    private final JsonMapper json;

    GatewayChannels(JsonMapper json) {
        this.json = json;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerConnection(null));
        return event.getBean();
    }

    private byte[] problem(String message) {
        try {
            return json.writeValueAsBytes(new GatewayBodies.Problem(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class PerConnection implements NettyServerCustomizer {
        private final Channel channel;

        PerConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new PerConnection(role == ChannelRole.CONNECTION ? channel : null);
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel == null ? null : channel.pipeline();
            if (pipeline == null || pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null
                    || pipeline.get(VERSION_GUARD) != null) {
                return; // not an HTTP/1 connection, or already set up
            }
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, VERSION_GUARD,
                    new HttpVersionGuard(GatewayChannels.this::problem));
            pipeline.addAfter(VERSION_GUARD, "musiccorp-connection-close", new HttpServerKeepAliveHandler());
        }
    }
}
