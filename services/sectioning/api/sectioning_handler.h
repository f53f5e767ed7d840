// gRPC face of the sectioning service: trials and the jobs that work on them.
#pragma once

#include "common/auth/jwt.h"
#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "services/sectioning/domain/trial.h"
#include "services/sectioning/domain/trial_jobs.h"

namespace secsched::sectioning {

class SectioningHandler final : public v1::SectioningService::Service {
 public:
  SectioningHandler(Trials& trials, TrialJobs& jobs, const auth::JwtVerifier& verifier)
      : trials_(trials), jobs_(jobs), verifier_(verifier) {}

  grpc::Status CreateTrial(grpc::ServerContext* context, const v1::CreateTrialRequest* request,
                           v1::Trial* response) override;
  grpc::Status GetTrial(grpc::ServerContext* context, const v1::GetTrialRequest* request,
                        v1::Trial* response) override;
  grpc::Status ListTrials(grpc::ServerContext* context, const v1::ListTrialsRequest* request,
                          v1::ListTrialsResponse* response) override;
  grpc::Status UpdateTrial(grpc::ServerContext* context, const v1::UpdateTrialRequest* request,
                           v1::Trial* response) override;
  grpc::Status DeleteTrial(grpc::ServerContext* context, const v1::DeleteTrialRequest* request,
                           google::protobuf::Empty* response) override;
  grpc::Status CopyTrial(grpc::ServerContext* context, const v1::CopyTrialRequest* request,
                         v1::Trial* response) override;
  grpc::Status LockTrial(grpc::ServerContext* context, const v1::LockTrialRequest* request,
                         v1::Trial* response) override;
  grpc::Status UnlockTrial(grpc::ServerContext* context, const v1::UnlockTrialRequest* request,
                           v1::Trial* response) override;
  grpc::Status ActivateTrial(grpc::ServerContext* context, const v1::ActivateTrialRequest* request,
                             v1::Trial* response) override;
  grpc::Status CompareTrials(grpc::ServerContext* context, const v1::CompareTrialsRequest* request,
                             v1::CompareTrialsResponse* response) override;
  grpc::Status StartJob(grpc::ServerContext* context, const v1::StartJobRequest* request,
                        v1::Job* response) override;
  grpc::Status GetJob(grpc::ServerContext* context, const v1::GetJobRequest* request,
                      v1::Job* response) override;
  grpc::Status WatchJob(grpc::ServerContext* context, const v1::WatchJobRequest* request,
                        grpc::ServerWriter<v1::Job>* writer) override;
  grpc::Status CancelJob(grpc::ServerContext* context, const v1::CancelJobRequest* request,
                         v1::Job* response) override;

 private:
  Trials& trials_;
  TrialJobs& jobs_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::sectioning
