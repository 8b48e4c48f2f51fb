/**
 * Publish/subscribe: {@link dev.wsf.api.topic.Topics}, with encode-once fan-out and
 * {@link dev.wsf.api.topic.SlowConsumerPolicy slow-consumer policies}.
 */
package dev.wsf.api.topic;
