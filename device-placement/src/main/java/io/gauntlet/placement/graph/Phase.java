package io.gauntlet.placement.graph;

/** Which part of a training step an operation belongs to. */
public enum Phase { FORWARD, BACKWARD, UPDATE }
