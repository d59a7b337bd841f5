// The sandbox's X-Ray: the service mounted on the shared endpoint, and the segment document type
// the traffic simulator produces.

export { XRayService, type XRayServiceOptions, type UnprocessedSegment } from "./xrayService";
export type { SegmentDocument, SubsegmentDocument, SegmentHttp, AnnotationScalar } from "./segments";
