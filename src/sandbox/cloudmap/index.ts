export {
  CloudMapService,
  TARGET_PREFIX,
  type CloudMapServiceView,
  type CloudMapSnapshot,
  type CustomHealthStatus,
  type HealthStatus,
  type NamespaceType,
  type ServiceType,
} from "./cloudMapService";
