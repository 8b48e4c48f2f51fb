package dev.wsf.runtime.transport;

/** Something registered with a {@link SelectorLoop}'s selector: a connection or the acceptor. */
interface Selectable {
    void onSelected(int readyOps);
}
