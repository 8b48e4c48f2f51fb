/**
 * What the samples share: the command-line runner, its TLS switches and a static page server. Not
 * a sample itself.
 */
package dev.wsf.samples.support;
