#!/usr/bin/env bash
# Cross-node topic benchmark (ws-cluster-redis's CrossNodeBenchmark): one topic with 1,000
# subscribers on a node, messages published on that node ("local") or on a second node that
# reaches it through Redis ("redis"). Prints deliveries/s and publish-to-delivery latency for both.
# Starts its own redis-server on a free loopback port (apt-get install redis-server).
#
#   bench/cluster.sh                     # both paths, 1,000 subscribers, 2,000 messages
#   bench/cluster.sh redis 1000 4000     # one path, subscribers, messages
#   JFR=target/cluster.jfr bench/cluster.sh redis    # with a flight recording
#
# Everything (publisher, both nodes, the subscribers' client, Redis) shares this machine:
# figures are indicative, and on a shared machine disturbed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${BUILD:-1}" = 1 ]; then
  # One session: the reactor's modules resolve to their target/classes, which a session without
  # the compile phase cannot do for modules that are in no local repository.
  mvn -q -o -pl ws-cluster-redis -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/cp.txt
fi
# The reactor's own classes, not whatever wsf jars a local repository may hold.
deps=$(tr ':' '\n' <ws-cluster-redis/target/cp.txt | grep -v '/dev/wsf/' | paste -sd: -)
cp="ws-cluster-redis/target/test-classes:ws-cluster-redis/target/classes:ws-runtime/target/classes"
cp="$cp:ws-cluster-core/target/classes:ws-cluster-testkit/target/classes"
cp="$cp:ws-api/target/classes:ws-testkit/target/classes:$deps"

jvm=(-Xms512m -Xmx512m -XX:+UseParallelGC)
if [ -n "${JFR:-}" ]; then
  jvm+=("-XX:StartFlightRecording=filename=$JFR,settings=profile")
fi
exec java "${jvm[@]}" ${JAVA_OPTS:-} -cp "$cp" dev.wsf.cluster.redis.CrossNodeBenchmark "$@"
