/**
 * The media layer: everything Spool knows about FFmpeg. Depends only on {@code dev.spool.domain}.
 * <ul>
 *   <li>{@code tools} — find ffmpeg/ffprobe and check their versions</li>
 *   <li>{@code probe} — ffprobe metadata model, extraction, cache and validators</li>
 *   <li>{@code command} — pure builders of FFmpeg argument lists from {@link dev.spool.domain.OutputSpec}</li>
 *   <li>{@code run} — process runner, progress parser, stall watchdog, outcomes</li>
 *   <li>{@code encoder} — encoder detection by trial encode, selection and CPU fallback</li>
 * </ul>
 */
package dev.spool.media;
