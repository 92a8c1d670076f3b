#!/bin/sh
# The official image's /opt/kafka/bin/kafka-topics.sh, on the jars of this image (kafka-tools' TopicCommand).
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.xml \
  -cp "/opt/kafka/libs/*" org.apache.kafka.tools.TopicCommand "$@"
