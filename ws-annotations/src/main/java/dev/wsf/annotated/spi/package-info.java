/** Interfaces through which other libraries plug into the annotation model. */
package dev.wsf.annotated.spi;
