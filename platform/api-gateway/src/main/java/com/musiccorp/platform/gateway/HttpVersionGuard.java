package com.musiccorp.platform.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

import java.util.function.Function;

/**
 * Lets only HTTP/1.x through, per RFC 9112 section 2.3. Netty parses any {@code NAME/d.d} as a version
 * and Micronaut would echo it in the status line ({@code HTTP/9.9 200 OK}); here another major version
 * is a 505 in HTTP/1.1 and the connection closes, and a later HTTP/1 minor version (HTTP/1.2) is
 * served as HTTP/1.1, the highest minor version this server speaks.
 */
final class HttpVersionGuard extends ChannelInboundHandlerAdapter {

    private final Function<String, byte[]> problemJson;
    private boolean refused;

    /** @param problemJson a {@code {"message": ...}} body for a reason */
    HttpVersionGuard(Function<String, byte[]> problemJson) {
        this.problemJson = problemJson;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg); // the rest of a refused request; the connection is closing
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            HttpVersion version = request.protocolVersion();
            if (!"HTTP".equals(version.protocolName()) || version.majorVersion() != 1) {
                refused = true;
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(versionNotSupported(version)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (version.minorVersion() > 1) {
                request.setProtocolVersion(HttpVersion.HTTP_1_1);
            }
        }
        ctx.fireChannelRead(msg);
    }

    private FullHttpResponse versionNotSupported(HttpVersion version) {
        byte[] body = problemJson.apply(version.text() + " is not supported: this server speaks HTTP/1.1 (and HTTP/1.0)");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
