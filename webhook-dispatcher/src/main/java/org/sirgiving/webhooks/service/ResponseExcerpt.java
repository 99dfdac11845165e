package org.sirgiving.webhooks.service;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the first bytes of a response body and drops the rest, so that an endpoint answering with a huge body
 * costs no memory (the 15 s deadline bounds the time).
 */
final class ResponseExcerpt implements WriteStream<Buffer> {
    private final int max;
    private final Buffer kept = Buffer.buffer();

    ResponseExcerpt(int max) {
        this.max = max;
    }

    /** A body codec that writes the response into this excerpt. */
    BodyCodec<Void> codec() {
        return BodyCodec.pipe(this, false);
    }

    /** The kept bytes as text (a character cut in half becomes U+FFFD); NULs dropped, which TEXT columns refuse. */
    String text() {
        if (kept.length() == 0) {
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(kept.getBytes())).toString().replace("\u0000", "");
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public Future<Void> write(Buffer data) {
        int room = max - kept.length();
        if (room > 0) {
            kept.appendBuffer(data, 0, Math.min(room, data.length()));
        }
        return Future.succeededFuture();
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        write(data).onComplete(handler);
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        if (handler != null) {
            handler.handle(Future.succeededFuture());
        }
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }
}
