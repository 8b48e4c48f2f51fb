package dev.wsf.annotated.model;

import dev.wsf.api.DeploymentException;
import dev.wsf.api.Role;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem found while deploying a set of endpoint classes, so that one
 * {@link DeploymentException} can report them all instead of one per attempt.
 */
public final class Problems {
    private final Role role;
    private final List<Problem> problems = new ArrayList<>();

    /** @param role whether the classes are deployed as server endpoints or client endpoints */
    public Problems(Role role) {
        this.role = role;
    }

    /**
     * The annotation the classes are read from: {@code @Endpoint} or {@code @ClientEndpoint}.
     *
     * @return {@code @Endpoint} for the server role, {@code @ClientEndpoint} for the client role
     */
    public String annotation() {
        return EndpointAnnotation.label(role);
    }

    /**
     * Records a problem with the class as a whole, e.g. its {@code @Endpoint} annotation.
     *
     * @param endpoint the endpoint class at fault
     * @param what what is wrong, a phrase that follows the class's name
     * @param fix how to fix it, an imperative phrase
     */
    public void onClass(Class<?> endpoint, String what, String fix) {
        problems.add(new Problem(endpoint, annotation() + " " + endpoint.getName(), what, fix));
    }

    /**
     * Records a problem with a callback method.
     *
     * @param endpoint the endpoint class being deployed, under which the problem is listed
     * @param kind the annotation the method carries
     * @param method the method at fault
     * @param what what is wrong, a phrase that follows the method's signature
     * @param fix how to fix it, an imperative phrase
     */
    public void onMethod(Class<?> endpoint, CallbackKind kind, Method method, String what, String fix) {
        problems.add(new Problem(endpoint, kind.label() + " " + Signatures.of(method), what, fix));
    }

    /**
     * Records a problem with one parameter (0-based {@code index}) of a callback method.
     *
     * @param endpoint the endpoint class being deployed, under which the problem is listed
     * @param kind the annotation the method carries
     * @param method the method whose parameter is at fault
     * @param index the parameter's position, from 0
     * @param what what is wrong, a phrase that follows the parameter's position and type
     * @param fix how to fix it, an imperative phrase
     */
    public void onParameter(Class<?> endpoint, CallbackKind kind, Method method, int index, String what,
                            String fix) {
        String parameter = "parameter " + (index + 1) + " ("
                + Signatures.shortName(method.getGenericParameterTypes()[index]) + ")";
        onMethod(endpoint, kind, method, parameter + " " + what, fix);
    }

    /**
     * Whether no problem has been recorded yet.
     *
     * @return true if no problem has been recorded
     */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * The number of problems recorded so far; lets a reader tell whether a step added any.
     *
     * @return how many problems were recorded
     */
    public int size() {
        return problems.size();
    }

    /**
     * The problems recorded so far.
     *
     * @return a copy, in the order they were recorded
     */
    public List<Problem> list() {
        return List.copyOf(problems);
    }

    /**
     * Throws one exception listing every problem, grouped by endpoint class, if there is any.
     *
     * @throws DeploymentException if any problem was recorded
     */
    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        Map<Class<?>, List<Problem>> byClass = new LinkedHashMap<>();
        for (Problem p : problems) {
            byClass.computeIfAbsent(p.endpoint(), k -> new ArrayList<>()).add(p);
        }
        StringBuilder message = new StringBuilder();
        message.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                .append(role == Role.SERVER ? " in annotated endpoint" : " in annotated client endpoint")
                .append(byClass.size() == 1 ? " " : "s ")
                .append(byClass.keySet().stream().map(Class::getName).toList()).append(':');
        for (Map.Entry<Class<?>, List<Problem>> e : byClass.entrySet()) {
            message.append("\n").append(e.getKey().getName()).append(':');
            for (Problem p : e.getValue()) {
                message.append("\n  - ").append(p);
            }
        }
        throw new DeploymentException(message.toString());
    }
}
