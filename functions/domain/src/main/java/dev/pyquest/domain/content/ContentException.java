package dev.pyquest.domain.content;

/** Invalid authored content; the message names the file and the field. */
public class ContentException extends RuntimeException {
    public ContentException(String message) { super(message); }
    public ContentException(String message, Throwable cause) { super(message, cause); }
}
