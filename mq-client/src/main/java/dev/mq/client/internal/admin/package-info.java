/**
 * The admin API's machinery (not API): {@link dev.mq.client.internal.admin.DefaultMqAdmin} and one
 * class per area (clusters, topics, groups, offsets, dead letters, messages), the request plumbing
 * that names broker and operation in every failure ({@code Calls}), and {@link
 * dev.mq.client.internal.admin.LenientJson}, which reads the fastjson-style bodies (objects as map
 * keys, bare number keys) that admin answers of our server and Apache carry.
 */
package dev.mq.client.internal.admin;
