/**
 * The Graph JSON shapes the adapters read (only the fields they use; everything optional
 * because Microsoft omits nulls and adds fields freely). See MICROSOFT-APIS.md §1-2.
 */

export interface GraphCollection<T> {
  "@odata.context"?: string;
  "@odata.nextLink"?: string;
  value?: T[];
}

export interface GraphDelegatedAdminRelationship {
  "@odata.type"?: string;
  id?: string;
  displayName?: string;
  duration?: string;
  status?: string;
  customer?: { tenantId?: string; displayName?: string } | null;
  accessDetails?: { unifiedRoles?: Array<{ roleDefinitionId?: string }> } | null;
  autoExtendDuration?: string;
  createdDateTime?: string;
  lastModifiedDateTime?: string;
  activatedDateTime?: string | null;
  endDateTime?: string | null;
}

export interface GraphServiceHealthIssuePost {
  createdDateTime?: string;
  postType?: string;
  description?: { contentType?: string; content?: string } | null;
}

export interface GraphServiceHealthIssue {
  id?: string;
  title?: string;
  startDateTime?: string;
  endDateTime?: string | null;
  lastModifiedDateTime?: string | null;
  classification?: string;
  feature?: string | null;
  featureGroup?: string | null;
  impactDescription?: string | null;
  isResolved?: boolean;
  origin?: string;
  service?: string;
  status?: string;
  posts?: GraphServiceHealthIssuePost[] | null;
  details?: Array<{ name?: string; value?: string }>;
}

export interface GraphServiceHealth {
  id?: string;
  service?: string;
  status?: string;
  issues?: GraphServiceHealthIssue[] | null;
}
